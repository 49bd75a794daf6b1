package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

func (f fixture) supportLevel(t *testing.T, customerID, userID int64) (l models.SupportLevel) {
	f.scan(t, &l, "SELECT COALESCE((SELECT level FROM support_access WHERE customer_id = ? AND user_id = ?), 0)", customerID, userID)
	return l
}

// The Site Technical Contact grants support access to a user of the
// account, once however often it runs.
func TestSupportGrantByTheSiteTechnicalContact(t *testing.T) {
	f := newFixture(t)
	in := f.supportInput(t)
	full := models.SupportFull
	for i := 0; i < 2; i++ {
		f.mustRun(t, accessrequest.ActivityApproveRequest, approval(in, carol, nil, &full))
	}
	if l := f.supportLevel(t, in.CustomerID, in.RequesterID); l != models.SupportFull {
		t.Fatalf("level = %v", l)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.grant'", in.RequestID); n != 1 {
		t.Fatalf("%d grant audit rows", n)
	}
}

// An approver who is no longer the STC nor a support administrator of the
// account cannot grant support access.
func TestSupportGrantRefusedWhenTheApproverIsNoAdministrator(t *testing.T) {
	f := newFixture(t)
	in := f.supportInput(t)
	full := models.SupportFull
	// grace holds support full, not administrator.
	wantNonRetryable(t, f.run(accessrequest.ActivityApproveRequest, approval(in, grace, nil, &full)), accessrequest.ErrGrantRefused)
	if l := f.supportLevel(t, in.CustomerID, in.RequesterID); l != models.SupportNone {
		t.Fatalf("level = %v after a refused grant", l)
	}
}

// A requester who no longer belongs to the account (their last site access
// revoked meanwhile) gets no support access.
func TestSupportGrantRefusedWhenTheRequesterLeftTheAccount(t *testing.T) {
	f := newFixture(t)
	in := f.supportInput(t)
	f.exec(t, "DELETE FROM site_access WHERE user_id = ?", in.RequesterID)
	full := models.SupportFull
	wantNonRetryable(t, f.run(accessrequest.ActivityApproveRequest, approval(in, carol, nil, &full)), accessrequest.ErrGrantRefused)
	if l := f.supportLevel(t, in.CustomerID, in.RequesterID); l != models.SupportNone {
		t.Fatalf("level = %v after a refused grant", l)
	}
}
