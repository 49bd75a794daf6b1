package discovery

import (
	"time"

	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the discovery workflow.
const WorkflowName = "RenewalDiscovery"

// ScheduleID is the Temporal Schedule that starts a pass (the worker
// creates or updates it when it starts); the Schedule derives the
// workflow IDs of its runs from it (renewal-discovery-<time>).
const ScheduleID = "renewal-discovery"

// Activity names (activities.Discovery). The workflow tests mock them by
// name against the activities worker.Register registers, so a rename on
// one side fails them.
const (
	// ActivityFindDueRenewals reads one page of (site, due date) due and
	// not started yet.
	ActivityFindDueRenewals = "FindDueRenewals"
	// ActivityStartRenewals starts the renewal workflow of each of a page.
	ActivityStartRenewals = "StartRenewals"
)

// Bounds of a pass.
const (
	// DefaultPageSize (site, due date) pairs are read and started per
	// pair of activity calls.
	DefaultPageSize = 500
	// MaxPageSize bounds a page, so one activity call stays short and its
	// result small in the history.
	MaxPageSize = 2000
	// PagesPerRun pages are handled before the pass continues as new (or
	// sooner, when Temporal suggests it): each page passes through the
	// history twice (found, then started), so a run's history stays around
	// a megabyte or two however many renewals are due.
	PagesPerRun = 10
)

// DateLayout is how a date is written in the cursor and the logs.
const DateLayout = "2006-01-02"

// Input starts a pass. The Schedule's action carries Offsets, Lead and
// PageSize from the worker's configuration; Window, After and Done carry
// a pass across continue-as-new.
type Input struct {
	// Offsets are the renewal calendar handed to every renewal started;
	// their Verification, the earliest step, sets the window.
	Offsets models.RenewalOffsets `json:"offsets"`
	// Lead widens the window beyond the verification offset by the
	// Schedule's interval: a renewal is started at the pass before its
	// verification is due, not at the first pass after it (which would
	// skip the verification of nearly every renewal). Zero: no lead.
	Lead time.Duration `json:"lead"`
	// PageSize: pairs per page. Zero means DefaultPageSize.
	PageSize int `json:"page_size"`

	// Window is the range of end dates of the pass, fixed by its first
	// run (nil: from today to today + Offsets.Verification + Lead).
	Window *Window `json:"window,omitempty"`
	// After is the cursor: the last pair handled (nil: none yet).
	After *Cursor `json:"after,omitempty"`
	// Done are the counts so far.
	Done Result `json:"done"`
}

// Window is an inclusive range of dates (UTC midnights).
type Window struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Cursor is a position in the (end date, site) order of coverage: a page
// holds the pairs after it.
type Cursor struct {
	EndDate time.Time `json:"end_date"`
	SiteID  int64     `json:"site_id"`
}

// Page asks for up to Limit pairs (site, end date) with coverage ending in
// [From, To], after After in (end date, site id) order, that have no
// renewals row yet. A nil After starts at From.
type Page struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	After *Cursor   `json:"after,omitempty"`
	Limit int       `json:"limit"`
}

// Due is one renewal to start: a site whose coverage ends on DueDate.
type Due struct {
	SiteID         int64     `json:"site_id"`
	SiteNumber     string    `json:"site_number"`
	CustomerID     int64     `json:"customer_id"`
	CustomerNumber string    `json:"customer_number"`
	DueDate        time.Time `json:"due_date"`
}

// Cursor is the position of d in the page order.
func (d Due) Cursor() Cursor { return Cursor{EndDate: d.DueDate, SiteID: d.SiteID} }

// PageResult is one page; Last is true when there is no next page.
type PageResult struct {
	Due  []Due `json:"due"`
	Last bool  `json:"last"`
}

// Starts asks StartRenewals to start the renewal of each of Due with the
// calendar Offsets.
type Starts struct {
	Due     []Due                 `json:"due"`
	Offsets models.RenewalOffsets `json:"offsets"`
}

// StartResult counts a page's starts: Skipped renewals were started
// before (by an earlier pass, or the same page's earlier attempt) and are
// left as they are.
type StartResult struct {
	Started int `json:"started"`
	Skipped int `json:"skipped"`
}

// Result sums a pass: Found pairs were due and had no renewals row; each
// was Started or Skipped.
type Result struct {
	Pages   int `json:"pages"`
	Found   int `json:"found"`
	Started int `json:"started"`
	Skipped int `json:"skipped"`
}
