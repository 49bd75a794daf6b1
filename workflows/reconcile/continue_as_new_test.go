package reconcile_test

import (
	"errors"
	"strings"
	"testing"

	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/reconcile"
)

// A pass over more than PagesPerRun pages continues as new with its cursor
// and its counts, so a run's history stays small however many requests
// are pending.
func TestALongPassContinuesAsNewWithItsCursorAndCounts(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) {
		n := len(a.Page.After) // the cursor grows by one character a page
		return reconcile.PageResult{Checked: 10, Closed: 1, Next: a.Page.After + "x", Last: n > 10*reconcile.PagesPerRun}, nil
	})
	_, err := h.run(t, reconcile.Input{PageSize: 10, After: "", Done: reconcile.Result{Pages: 4, Closed: 4, Checked: 40}})
	var can *workflow.ContinueAsNewError
	if !errors.As(err, &can) {
		t.Fatalf("pass error = %v, want continue-as-new", err)
	}
	if can.WorkflowType.Name != reconcile.WorkflowName {
		t.Fatalf("continued as %q", can.WorkflowType.Name)
	}
	var next reconcile.Input
	if err := converter.GetDefaultDataConverter().FromPayloads(can.Input, &next); err != nil {
		t.Fatal(err)
	}
	want := reconcile.Input{
		Grace: reconcile.DefaultGrace, PageSize: 10, After: strings.Repeat("x", reconcile.PagesPerRun),
		Done: reconcile.Result{Pages: 4 + reconcile.PagesPerRun, Checked: 40 + 10*reconcile.PagesPerRun, Closed: 4 + reconcile.PagesPerRun},
	}
	if next != want {
		t.Fatalf("continued with %+v, want %+v", next, want)
	}
	if n := len(h.pages.all()); n != reconcile.PagesPerRun {
		t.Fatalf("%d pages in the run, want %d", n, reconcile.PagesPerRun)
	}
}
