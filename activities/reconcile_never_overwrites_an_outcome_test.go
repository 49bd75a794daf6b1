package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// A request that reached an outcome keeps it, whatever became of its run:
// only pending rows are ever looked at or closed.
func TestReconcileNeverOverwritesAnOutcome(t *testing.T) {
	f := newReconcileFixture(t)
	requesters := map[models.RequestStatus]string{
		models.StatusApproved: frank, models.StatusRejected: erin, models.StatusWithdrawn: grace, models.StatusExpired: carol,
	}
	ids := map[models.RequestStatus]string{}
	for status, who := range requesters {
		wf := f.nominationID(t, who)
		run := f.start(t, wf)
		f.terminate(t, wf, run)
		ids[status] = f.request(t, models.KindNomination, who, wf, run, status, quietFor)
	}

	if got := f.pass(t); got.Checked != 0 || got.Closed != 0 {
		t.Fatalf("page = %+v, want nothing checked", got)
	}
	for status, id := range ids {
		var row models.AccessRequest
		if err := f.db.Take(&row, "id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		if row.Status != status || row.DecisionReason != "" {
			t.Errorf("%s row became %s %q", status, row.Status, row.DecisionReason)
		}
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE action = 'request.close_stale'"); n != 0 {
		t.Fatalf("%d close_stale audit rows", n)
	}
}
