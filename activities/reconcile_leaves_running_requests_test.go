package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// A pending request whose run still runs is checked and left alone, and
// stays in the approver's queue.
func TestReconcileLeavesRequestsWhoseRunStillRuns(t *testing.T) {
	f := newReconcileFixture(t)
	wf := f.nominationID(t, frank)
	id := f.request(t, models.KindNomination, frank, wf, f.start(t, wf), models.StatusPending, quietFor)

	if got := f.pass(t); got.Checked != 1 || got.Closed != 0 || got.Failed != 0 {
		t.Fatalf("page = %+v, want 1 checked, none closed", got)
	}
	if s := f.status(t, id); s != "pending" {
		t.Fatalf("status = %s", s)
	}
	if n := f.closeStaleAudits(t, id); n != 0 {
		t.Fatalf("%d close_stale audit rows", n)
	}
	if !f.inQueue(t, "/v1/nominations", alice, id) {
		t.Fatal("a live request left the approver's queue")
	}
}

// A pending request whose run ended, while a later run of its workflow ID
// runs (the same request after a reset, or a newer request that has not
// written its row yet and closes this one when it does), is left alone.
func TestReconcileLeavesRequestsWhoseWorkflowRunsAgain(t *testing.T) {
	f := newReconcileFixture(t)
	wf := f.nominationID(t, frank)
	ended := f.start(t, wf)
	id := f.request(t, models.KindNomination, frank, wf, ended, models.StatusPending, quietFor)
	f.terminate(t, wf, ended)
	f.start(t, wf)

	if got := f.pass(t); got.Checked != 1 || got.Closed != 0 {
		t.Fatalf("page = %+v, want 1 checked, none closed", got)
	}
	if s := f.status(t, id); s != "pending" {
		t.Fatalf("status = %s", s)
	}
}
