package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/reconcile"
)

// Pages follow the workflow IDs of the pending rows: each page starts
// after the cursor the previous one returned, and the last one says so.
func TestReconcilePagesThroughThePendingRequests(t *testing.T) {
	f := newReconcileFixture(t)
	var wfs []string
	for _, who := range []string{frank, erin, grace} {
		wf := f.nominationID(t, who)
		run := f.start(t, wf)
		f.request(t, models.KindNomination, who, wf, run, models.StatusPending, quietFor)
		f.terminate(t, wf, run)
		wfs = append(wfs, wf)
	}
	first := f.reconcilePage(t, reconcile.Page{Limit: 2, Grace: reconcile.DefaultGrace})
	if first.Checked != 2 || first.Closed != 2 || first.Last || first.Next == "" {
		t.Fatalf("first page = %+v", first)
	}
	second := f.reconcilePage(t, reconcile.Page{After: first.Next, Limit: 2, Grace: reconcile.DefaultGrace})
	if second.Checked != 1 || second.Closed != 1 || !second.Last || second.Next <= first.Next {
		t.Fatalf("second page = %+v after %q", second, first.Next)
	}
	if n := f.count(t, "SELECT count(*) FROM access_requests WHERE status = 'pending'"); n != 0 {
		t.Fatalf("%d requests still pending of %v", n, wfs)
	}
}
