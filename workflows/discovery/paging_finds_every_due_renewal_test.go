package discovery_test

import (
	"context"
	"fmt"
	"testing"

	enumspb "go.temporal.io/api/enums/v1"

	"github.com/pao/pao/workflows/discovery"
)

// A pass over more renewals than a page pages through them all, some on
// the same day and some not, every one found once; and over more pages
// than PagesPerRun it continues as new, carrying its window, cursor and
// counts to the run that finishes.
func TestPagingFindsEveryDueRenewal(t *testing.T) {
	w := newWorld(t)
	const sites = 2*discovery.PagesPerRun + 5
	for i := range sites {
		number := fmt.Sprintf("9001%02d", i)
		// Three sites a day, so pages end mid-day and at a day's end.
		w.cover(t, w.site(t, number), i%3, today().AddDate(0, 0, 1+i/3))
	}
	in := input()
	in.PageSize = 2
	res, run := w.pass(t, in)
	pages := sites/2 + 1 // the last one not full
	if want := (discovery.Result{Pages: pages, Found: sites, Started: sites}); res != want {
		t.Fatalf("pass = %+v, want %+v", res, want)
	}
	for i := range sites {
		w.mustStart(t, fmt.Sprintf("9001%02d", i), today().AddDate(0, 0, 1+i/3))
	}
	d, err := w.c.DescribeWorkflowExecution(context.Background(), run.WorkflowID, run.RunID)
	if err != nil {
		t.Fatal(err)
	}
	if st := d.GetWorkflowExecutionInfo().GetStatus(); st != enumspb.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW {
		t.Fatalf("the pass's first run ended %s, want continued as new after %d pages", st, discovery.PagesPerRun)
	}
}
