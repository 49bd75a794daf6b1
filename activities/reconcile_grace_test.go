package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/reconcile"
)

// A request written within the grace period is not looked at yet, even if
// its run has ended; once the grace period has passed, it is closed.
func TestReconcileWaitsForTheGracePeriod(t *testing.T) {
	f := newReconcileFixture(t)
	wf := f.nominationID(t, frank)
	run := f.start(t, wf)
	id := f.request(t, models.KindNomination, frank, wf, run, models.StatusPending, 30*time.Second)
	f.terminate(t, wf, run)

	if got := f.pass(t); got.Checked != 0 {
		t.Fatalf("page = %+v, want nothing checked within the grace period", got)
	}
	if s := f.status(t, id); s != "pending" {
		t.Fatalf("status = %s", s)
	}
	if got := f.reconcilePage(t, reconcile.Page{Limit: 100, Grace: 10 * time.Second}); got.Closed != 1 {
		t.Fatalf("page after the grace period = %+v", got)
	}
	if s := f.status(t, id); s != "expired" {
		t.Fatalf("status = %s", s)
	}
}
