package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

var downloadsAndReporting = models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}

// An approval grants and records in one transaction; running it again (a
// retry after a lost answer) changes nothing.
func TestApproveRequestGrantsAndRecordsOnce(t *testing.T) {
	f := newFixture(t)
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	p := downloadsAndReporting
	for i := 0; i < 3; i++ {
		f.mustRun(t, accessrequest.ActivityApproveRequest, approval(f.in, alice, &p, nil))
	}
	if got := f.access(t, frank); got != p {
		t.Fatalf("privileges = %+v, want %+v", got, p)
	}
	if s := f.status(t, f.in.RequestID); s != "approved" {
		t.Fatalf("status = %q", s)
	}
	for _, action := range []string{"request.grant", "request.approve"} {
		if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = ?", f.in.RequestID, action); n != 1 {
			t.Fatalf("%d %s audit rows", n, action)
		}
	}
}

// An approval whose record PostgreSQL refuses (a reason with a NUL byte)
// fails non-retryable and takes its grant back with it: the requester has
// no access and the request is still pending.
func TestApproveRequestThatCannotBeRecordedGrantsNothing(t *testing.T) {
	f := newFixture(t)
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	p := downloadsAndReporting
	rec := approval(f.in, alice, &p, nil)
	rec.State.DecisionReason = "welcome\x00aboard"
	wantNonRetryable(t, f.run(accessrequest.ActivityApproveRequest, rec), policy.ErrDataException)
	if got := f.access(t, frank); got != (models.Privileges{}) {
		t.Fatalf("privileges = %+v after a refused approval", got)
	}
	if s := f.status(t, f.in.RequestID); s != "pending" {
		t.Fatalf("status = %q after a refused approval", s)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action IN ('request.grant', 'request.approve')", f.in.RequestID); n != 0 {
		t.Fatalf("%d audit rows of a refused approval", n)
	}
	// The request stays decidable: a storable approval then goes through.
	f.mustRun(t, accessrequest.ActivityApproveRequest, approval(f.in, alice, &p, nil))
	if got := f.access(t, frank); got != p {
		t.Fatalf("privileges = %+v after the later approval", got)
	}
}

// The grant alone (GrantRequest, the step of histories recorded before
// ApproveRequest) is idempotent too.
func TestGrantRequestIsIdempotent(t *testing.T) {
	f := newFixture(t)
	p := models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}
	for i := 0; i < 3; i++ {
		f.mustRun(t, accessrequest.ActivityGrantRequest, approval(f.in, alice, &p, nil))
	}
	if got := f.access(t, frank); got != p {
		t.Fatalf("privileges = %+v", got)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.grant'", f.in.RequestID); n != 1 {
		t.Fatalf("%d grant audit rows", n)
	}
}
