package discovery_test

import (
	"context"
	"testing"

	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/renewal"
)

// A renewal whose run ended without writing its row (terminated by an
// operator before its first write) is not started again by the next pass:
// its workflow ID is never reused, the pass counts it as skipped.
func TestAnEndedRenewalIsNotStartedAgain(t *testing.T) {
	w := newWorld(t)
	due := today().AddDate(0, 0, 20)
	w.cover(t, w.site(t, "900041"), 0, due)
	if res, _ := w.pass(t, input()); res.Started != 1 {
		t.Fatalf("first pass = %+v", res)
	}
	first := w.mustStart(t, "900041", due)
	if err := w.c.TerminateWorkflow(context.Background(), renewal.WorkflowID("900041", due), first.RunID, "operator cleanup"); err != nil {
		t.Fatal(err)
	}
	res, _ := w.pass(t, input())
	if want := (discovery.Result{Pages: 1, Found: 1, Skipped: 1}); res != want {
		t.Fatalf("second pass = %+v, want %+v", res, want)
	}
	if s := w.mustStart(t, "900041", due); s.RunID != first.RunID {
		t.Fatalf("a new run %s after the terminated %s", s.RunID, first.RunID)
	}
}
