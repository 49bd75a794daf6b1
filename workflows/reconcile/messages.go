package reconcile

import "time"

// WorkflowName is the registered name of the reconciler workflow.
const WorkflowName = "RequestReconciler"

// ScheduleID is the Temporal Schedule that starts the reconciler (the
// worker creates or updates it when it starts); the Schedule derives the
// workflow IDs of its runs from it (request-reconciler-<time>).
const ScheduleID = "request-reconciler"

// ActivityReconcileRequests reconciles one page of pending requests (see
// activities.Reconciler). The workflow tests mock it by name against the
// activities worker.Register registers, so a rename on one side fails them.
const ActivityReconcileRequests = "ReconcileRequests"

// Defaults of a pass, and the bounds Input is checked against.
const (
	// DefaultGrace leaves alone the rows written in the last two minutes:
	// a pass only looks at requests that have been quiet for a while.
	DefaultGrace = 2 * time.Minute
	// DefaultPageSize rows are checked per activity call.
	DefaultPageSize = 100
	// MaxPageSize bounds a page, so one activity call stays short.
	MaxPageSize = 1000
	// PagesPerRun pages are checked before the pass continues as new (or
	// sooner, when Temporal suggests it), keeping each run's history small.
	PagesPerRun = 100
)

// Input starts a pass.
type Input struct {
	// Grace: only pending rows not updated for at least this long are
	// checked. Zero means DefaultGrace; negative is refused.
	Grace time.Duration `json:"grace"`
	// PageSize: rows per activity call. Zero means DefaultPageSize.
	PageSize int `json:"page_size"`
	// After and Done carry a pass across continue-as-new: the cursor (the
	// last workflow ID checked) and the counts so far.
	After string `json:"after,omitempty"`
	Done  Result `json:"done"`
}

// Page asks the activity to reconcile up to Limit pending rows whose
// workflow ID sorts after After and that were not updated for Grace.
type Page struct {
	After string        `json:"after,omitempty"`
	Limit int           `json:"limit"`
	Grace time.Duration `json:"grace"`
}

// PageResult is what the activity did with one page.
type PageResult struct {
	// Checked rows were looked up in Temporal; Closed of them belonged to a
	// run that had ended and were closed as expired; Failed could not be
	// looked up for a reason retrying cannot cure (logged by the activity,
	// left pending, checked again by the next pass).
	Checked int `json:"checked"`
	Closed  int `json:"closed"`
	Failed  int `json:"failed"`
	// Next is the cursor of the next page (the last workflow ID checked);
	// Last is true when there is no next page.
	Next string `json:"next,omitempty"`
	Last bool   `json:"last"`
}

// Result sums a pass.
type Result struct {
	Pages   int `json:"pages"`
	Checked int `json:"checked"`
	Closed  int `json:"closed"`
	Failed  int `json:"failed"`
}

func (r *Result) add(p PageResult) {
	r.Pages++
	r.Checked += p.Checked
	r.Closed += p.Closed
	r.Failed += p.Failed
}
