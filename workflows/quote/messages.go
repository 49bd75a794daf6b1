package quote

import (
	"strconv"
	"time"

	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the quote workflow: one quote,
// sales or renewal, from its request (or automatic issue) to ordered,
// expired, declined or cancelled, with every version and change request.
const WorkflowName = "Quote"

// Query and update names of the quote workflow. Every update answers with
// the State once its change is recorded in Postgres.
const (
	QueryStatus = "status"
	// UpdateSubmit (no argument) answers once the workflow has recorded the
	// quote's first row. The API starts the workflow with it
	// (update-with-start); a second submit is refused (ErrAlreadySubmitted).
	UpdateSubmit = "submit"
	// UpdateIssue (Issue): the quote's rep prices the request or answers a
	// change request with a revision (version n+1). Open afterwards.
	UpdateIssue = "issue"
	// UpdateDecline (Decision): the rep declines the request, with a reason.
	UpdateDecline = "decline"
	// UpdateRequestChange (ChangeRequest): a customer asks to remove lines
	// or change quantities of the open quote (E4); change_requested until
	// the rep revises or declines the change.
	UpdateRequestChange = "request-change"
	// UpdateDeclineChange (Decision): the rep declines the pending change;
	// the current version stands and the quote is open again.
	UpdateDeclineChange = "decline-change"
	// UpdateCancel (Cancellation): the customer cancels the quote.
	UpdateCancel = "cancel"
	// UpdateOrder (Order): the order process tells the quote it was
	// ordered, naming the version it ordered (its locked prices).
	UpdateOrder = "order"
)

// Refusal types carried by update errors; the API maps them to HTTP
// statuses. Validators refuse before the update is accepted (nothing
// changed); a handler that finds the state moved on while it waited for
// the write lock refuses with the same types, also with nothing changed.
const (
	ErrAlreadySubmitted = "AlreadySubmitted" // 409
	// ErrNotRep: the action needs the quote's rep (403).
	ErrNotRep = "NotRep"
	// ErrWrongStatus: the quote's status does not allow the action (409),
	// e.g. a change to a quote that is not open, an order of a quote
	// awaiting a revision.
	ErrWrongStatus = "WrongStatus"
	// ErrStaleVersion: the action names a version that is not the current
	// one (409): the quote was revised meanwhile.
	ErrStaleVersion = "StaleVersion"
	// ErrInvalid: the argument breaks a quote rule (422); details carry the
	// field as the API names it.
	ErrInvalid = "InvalidQuote"
	// ErrNotRecorded: the database refused the change for good (422):
	// nothing changed. A refused submission ends the workflow without a row.
	ErrNotRecorded = "NotRecorded"
)

// Activity names the workflow calls (activities.Quotes). The workflow
// tests mock them by name against what worker.Register registers, so a
// renamed activity fails them.
const (
	ActivityRecordQuote      = "RecordQuote"
	ActivityQueueQuoteNotice = "QueueQuoteNotice"
)

// SystemActor is who acts for the process itself (expiry, reminders, an
// automatic issue).
const SystemActor = "system"

// WorkflowID is the business-key workflow ID of a quote: its number.
func WorkflowID(quoteNumber string) string { return "quote/" + quoteNumber }

// NoticeKey is the outbox key of a notice: the quote and the step, never
// the run, so a reset or a continued run queues each notice once.
func NoticeKey(quoteNumber, step string) string { return "quote/" + quoteNumber + "/" + step }

// Person is a user as the quote names them: the requester, the rep, whoever
// asked for a change or cancelled. ID is the users row.
type Person struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// Timers are the quote's clock. Expiry is each version's valid-until.
type Timers struct {
	// RemindBefore: the customer is reminded this long before an open
	// quote expires (once per version).
	RemindBefore time.Duration `json:"remind_before"`
}

// DefaultTimers remind the customer five days before expiry.
func DefaultTimers() Timers { return Timers{RemindBefore: 5 * 24 * time.Hour} }

// Input starts the workflow.
//
// A sales quote (kind sales) names its Requester and the Lines asked for,
// and waits for the rep (the customer's sales rep) to issue it. A renewal
// quote (kind renewal, started by the renewal process) has no Requester,
// names the renewal rep as Rep and carries Issue: the priced lines of the
// coverage due, issued at once by the system with ValidUntil the due date.
// Both then follow the same process: open until expiry, change requests,
// revisions, order, cancellation.
type Input struct {
	QuoteNumber    string           `json:"quote_number"`
	Kind           models.QuoteKind `json:"kind"`
	SiteID         int64            `json:"site_id"`
	SiteNumber     string           `json:"site_number"`
	CustomerID     int64            `json:"customer_id"`
	CustomerNumber string           `json:"customer_number"`
	// Currency is the site's: every price of the quote is in it.
	Currency  string             `json:"currency"`
	Requester *Person            `json:"requester,omitempty"`
	Rep       Person             `json:"rep"`
	Note      string             `json:"note,omitempty"`
	Lines     []models.QuoteItem `json:"lines"`
	// Issue, when set, is issued by the system as version 1 right after
	// the first row is recorded (renewal quotes).
	Issue *Issue `json:"issue,omitempty"`
	// QuietFirstIssue: the automatic version 1 sends no quote_issued
	// email, because the process that started the quote (the renewal)
	// sends its own notice about it at the same moment.
	QuietFirstIssue bool   `json:"quiet_first_issue,omitempty"`
	Timers          Timers `json:"timers"`
	// Carried is the state a continued run resumes from (continue-as-new);
	// nil on the first run.
	Carried *State `json:"carried,omitempty"`
}

// IssueLine is a line as the rep prices it: the product, the quantity, the
// unit price (in the site's currency) and a discount in basis points.
type IssueLine struct {
	models.QuoteItem
	Unit       models.Money `json:"unit_price"`
	DiscountBP int          `json:"discount_bp"`
}

// Issue is the argument of the issue update: a priced version. ValidUntil
// (when set) or ValidityDays (default models.DefaultValidityDays) from
// now says how long it is open; a renewal quote's revision without either
// keeps the current version's valid-until (the due date).
type Issue struct {
	By           Person      `json:"by"`
	Lines        []IssueLine `json:"lines"`
	ValidityDays int         `json:"validity_days,omitempty"`
	ValidUntil   time.Time   `json:"valid_until,omitzero"`
	Note         string      `json:"note,omitempty"`
}

// Decision is the argument of decline and decline-change: who and why.
type Decision struct {
	By     Person `json:"by"`
	Reason string `json:"reason"`
}

// ChangeRequest is the argument of request-change. OnVersion, when not
// zero, must be the current version (a change asked on a version since
// revised is refused, ErrStaleVersion).
type ChangeRequest struct {
	By        Person              `json:"by"`
	OnVersion int                 `json:"on_version,omitempty"`
	Changes   []models.LineChange `json:"changes"`
	Note      string              `json:"note"`
}

// Cancellation is the argument of cancel.
type Cancellation struct {
	By     Person `json:"by"`
	Reason string `json:"reason,omitempty"`
}

// Order is the argument of order: the order's reference and the version
// it ordered, which must be the current one.
type Order struct {
	OrderRef string `json:"order_ref"`
	Version  int    `json:"version"`
	By       string `json:"by"`
}

// Version is an issued version: its priced lines are locked.
type Version struct {
	Number     int                 `json:"number"`
	Lines      []models.PricedLine `json:"lines"`
	Total      models.Money        `json:"total"`
	ValidUntil time.Time           `json:"valid_until"`
	IssuedBy   string              `json:"issued_by"`
	IssuedAt   time.Time           `json:"issued_at"`
	Note       string              `json:"note,omitempty"`
	// ChangeRequest is the change request this version answers (0: none).
	ChangeRequest int `json:"change_request,omitempty"`
}

// Change is a change request and its answer.
type Change struct {
	Seq            int                        `json:"seq"`
	OnVersion      int                        `json:"on_version"`
	By             Person                     `json:"by"`
	Changes        []models.LineChange        `json:"changes"`
	Note           string                     `json:"note"`
	At             time.Time                  `json:"at"`
	Status         models.ChangeRequestStatus `json:"status"`
	AnswerReason   string                     `json:"answer_reason,omitempty"`
	AnsweredBy     string                     `json:"answered_by,omitempty"`
	AnsweredAt     time.Time                  `json:"answered_at,omitzero"`
	RevisedVersion int                        `json:"revised_version,omitempty"`
}

// State is the workflow's state, returned by the status query and by the
// updates. It changes only once Postgres has recorded the change, so the
// query, the read model and the ProcessStatus search attribute agree.
type State struct {
	QuoteNumber string             `json:"quote_number"`
	Kind        models.QuoteKind   `json:"kind"`
	Status      models.QuoteStatus `json:"status"`
	// Version is the current version (0 until the first issue); Versions
	// are all of them, oldest first.
	Version    int       `json:"version"`
	Versions   []Version `json:"versions,omitempty"`
	ValidUntil time.Time `json:"valid_until,omitzero"`
	// Reminded: the customer was reminded of the current version's expiry.
	Reminded bool     `json:"reminded"`
	Changes  []Change `json:"changes,omitempty"`
	// ClosedReason and ClosedBy explain a final status (declined,
	// cancelled); OrderRef names the order of an ordered quote.
	ClosedReason string `json:"closed_reason,omitempty"`
	ClosedBy     string `json:"closed_by,omitempty"`
	OrderRef     string `json:"order_ref,omitempty"`
	// Failures lists the side effects that failed for good (a notice that
	// could not be queued). The process went on without them.
	Failures []Failure `json:"failures,omitempty"`
}

// Current returns the current version, if any.
func (s State) Current() (Version, bool) {
	if s.Version == 0 || len(s.Versions) < s.Version {
		return Version{}, false
	}
	return s.Versions[s.Version-1], true
}

// pending returns the pending change request, if any.
func (s State) pending() (Change, bool) {
	if n := len(s.Changes); n > 0 && s.Changes[n-1].Status == models.ChangePending {
		return s.Changes[n-1], true
	}
	return Change{}, false
}

// Failure is one side effect the process gave up on.
type Failure struct {
	Step    string `json:"step"`
	Type    string `json:"type,omitempty"`
	Message string `json:"message"`
}

// Record is what the workflow writes to Postgres at a transition.
type Record struct {
	Input Input `json:"input"`
	State State `json:"state"`
}

// Audience names who a notice goes to; the activity resolves addresses at
// send time.
type Audience string

// Audiences of the quote notices.
const (
	// AudienceRep: the quote's rep.
	AudienceRep Audience = "rep"
	// AudienceCustomer: a sales quote's requester; a renewal quote's
	// renewal notice contacts (A6: Administrative and S&S renewal contact,
	// else the Primary); and whoever filed the change request the notice
	// is about.
	AudienceCustomer Audience = "customer"
)

// NoticeRequest asks the notification activity to queue one email about
// version Version (0: none yet) and, when ChangeSeq is not zero, that
// change request.
type NoticeRequest struct {
	Key      string             `json:"key"`
	Template string             `json:"template"`
	Audience Audience           `json:"audience"`
	Input    Input              `json:"input"`
	Status   models.QuoteStatus `json:"status"`
	Version  *Version           `json:"version,omitempty"`
	Change   *Change            `json:"change,omitempty"`
	Reason   string             `json:"reason,omitempty"`
}

// versionStep names a step about version n in outbox keys: "issued-v2".
func versionStep(step string, n int) string { return step + "-v" + strconv.Itoa(n) }

// changeStep names a step about change request n: "change-1-declined".
func changeStep(n int, step string) string {
	s := "change-" + strconv.Itoa(n)
	if step != "" {
		s += "-" + step
	}
	return s
}
