package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// A pending request whose run an operator terminated is closed as the next
// run would close it (expired, the reason, one request.close_stale audit
// row by "system") and leaves the approvers' pending queues, for both
// kinds of request.
func TestReconcileClosesTheRequestsOfTerminatedRuns(t *testing.T) {
	f := newReconcileFixture(t)
	nominationWF := f.nominationID(t, frank)
	nominationRun := f.start(t, nominationWF)
	nomination := f.request(t, models.KindNomination, frank, nominationWF, nominationRun, models.StatusPending, quietFor)
	supportWF := accessrequest.SupportAccessID("1000001", f.userID(t, erin))
	supportRun := f.start(t, supportWF)
	support := f.request(t, models.KindSupportAccess, erin, supportWF, supportRun, models.StatusPending, quietFor)
	if !f.inQueue(t, "/v1/nominations", alice, nomination) || !f.inQueue(t, "/v1/support-access-requests", carol, support) {
		t.Fatal("the requests are not in the approvers' queues to begin with")
	}
	f.terminate(t, nominationWF, nominationRun)
	f.terminate(t, supportWF, supportRun)

	if got := f.pass(t); got.Checked != 2 || got.Closed != 2 || got.Failed != 0 || !got.Last {
		t.Fatalf("page = %+v, want 2 checked and closed", got)
	}
	for _, id := range []string{nomination, support} {
		var row models.AccessRequest
		if err := f.db.Take(&row, "id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		if row.Status != models.StatusExpired || row.DecisionReason != "the process ended without a decision" || row.DecidedBy != "" {
			t.Errorf("row %s = %s %q by %q, want expired with the reason", id, row.Status, row.DecisionReason, row.DecidedBy)
		}
		if n := f.closeStaleAudits(t, id); n != 1 {
			t.Errorf("%d close_stale audit rows of %s", n, id)
		}
	}
	if f.inQueue(t, "/v1/nominations", alice, nomination) {
		t.Error("the closed nomination is still in the approver's pending queue")
	}
	if f.inQueue(t, "/v1/support-access-requests", carol, support) {
		t.Error("the closed support-access request is still in the approver's pending queue")
	}
}
