package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// The grant takes the site lock every privilege write takes and checks its
// rules under it: while another write holds the lock the grant waits, and
// when that write took the approver's manage access away, the grant sees
// it and is refused (a lost update otherwise).
func TestGrantWaitsForTheSiteLockAndChecksUnderIt(t *testing.T) {
	f := newFixture(t)
	tx := f.db.Begin()
	if err := tx.Exec("SELECT 1 FROM sites WHERE id = ? FOR UPDATE", f.in.SiteID).Error; err != nil {
		t.Fatal(err)
	}
	p := downloadsAndReporting
	done := make(chan error, 1)
	env := newEnv(f.db)
	go func() {
		_, err := env.ExecuteActivity(accessrequest.ActivityApproveRequest, approval(f.in, grace, &p, nil))
		done <- err
	}()
	select {
	case err := <-done:
		_ = tx.Rollback()
		t.Fatalf("the grant did not wait for the site lock (err %v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	if err := tx.Exec("UPDATE site_access SET manage_access = 0 WHERE site_id = ? AND user_id = ?", f.in.SiteID, f.userID(t, grace)).Error; err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		wantNonRetryable(t, err, accessrequest.ErrGrantRefused)
	case <-time.After(30 * time.Second):
		t.Fatal("the grant did not finish after the lock was released")
	}
	if got := f.access(t, frank); got != (models.Privileges{}) {
		t.Fatalf("privileges = %+v", got)
	}
}

// The support grant locks the account's sites: a revocation in flight on
// one of them is waited for and seen.
func TestSupportGrantWaitsForTheAccountsSites(t *testing.T) {
	f := newFixture(t)
	in := f.supportInput(t)
	site2 := f.siteID(t, "300002")
	tx := f.db.Begin()
	if err := tx.Exec("SELECT 1 FROM sites WHERE id = ? FOR UPDATE", site2).Error; err != nil {
		t.Fatal(err)
	}
	full := models.SupportFull
	done := make(chan error, 1)
	env := newEnv(f.db)
	go func() {
		_, err := env.ExecuteActivity(accessrequest.ActivityApproveRequest, approval(in, carol, nil, &full))
		done <- err
	}()
	select {
	case err := <-done:
		_ = tx.Rollback()
		t.Fatalf("the support grant did not wait for the account's sites (err %v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	if err := tx.Exec("DELETE FROM site_access WHERE user_id = ?", in.RequesterID).Error; err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		wantNonRetryable(t, err, accessrequest.ErrGrantRefused)
	case <-time.After(30 * time.Second):
		t.Fatal("the support grant did not finish after the lock was released")
	}
}
