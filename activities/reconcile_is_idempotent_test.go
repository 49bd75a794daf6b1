package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// A second pass (or a retried page) finds nothing left to do: the closed
// request stays closed with one audit row.
func TestReconcileTwiceClosesOnce(t *testing.T) {
	f := newReconcileFixture(t)
	wf := f.nominationID(t, frank)
	run := f.start(t, wf)
	id := f.request(t, models.KindNomination, frank, wf, run, models.StatusPending, quietFor)
	f.terminate(t, wf, run)

	if got := f.pass(t); got.Closed != 1 {
		t.Fatalf("first pass = %+v", got)
	}
	if got := f.pass(t); got.Checked != 0 || got.Closed != 0 {
		t.Fatalf("second pass = %+v, want nothing to do", got)
	}
	if s := f.status(t, id); s != "expired" {
		t.Fatalf("status = %s", s)
	}
	if n := f.closeStaleAudits(t, id); n != 1 {
		t.Fatalf("%d close_stale audit rows after two passes", n)
	}
}
