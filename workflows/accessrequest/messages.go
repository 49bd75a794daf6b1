package accessrequest

import (
	"strconv"
	"time"

	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the access-request
// workflow: a self-nomination (SPEC C1–C6) or a support-access request
// (D2). Both share one process: record the request, notify the approvers,
// wait for exactly one decision (reminding, escalating and finally
// expiring), grant on approval, tell the requester.
const WorkflowName = "AccessRequest"

// Query and update names of the access-request workflow.
const (
	QueryStatus = "status"
	// UpdateSubmit (no argument) answers once the workflow has recorded its
	// request row (status pending), with the State. The API starts the
	// workflow with it (update-with-start), so it can answer 201 with the
	// recorded request; a second submit is refused (ErrAlreadySubmitted).
	UpdateSubmit   = "submit"
	UpdateDecide   = "decide"
	UpdateWithdraw = "withdraw"
)

// Refusal types carried by update errors; the API maps them to HTTP
// statuses (409, 403, 422). Validators refuse before the update is
// accepted (nothing changed); ErrNotRecorded comes from an accepted update
// whose write failed for good, after which nothing changed either.
const (
	ErrAlreadyDecided  = "AlreadyDecided"  // 409
	ErrNotApprover     = "NotApprover"     // 403
	ErrAboveOwnLevel   = "AboveOwnLevel"   // 403
	ErrNotRequester    = "NotRequester"    // 403
	ErrInvalidDecision = "InvalidDecision" // 422
	// ErrAlreadySubmitted refuses a second submit update (409).
	ErrAlreadySubmitted = "AlreadySubmitted"
	// ErrNotRecorded (422): the database refused the submission, decision
	// or withdrawal for good (for example a text PostgreSQL cannot store).
	// A refused decision or withdrawal leaves the request pending and
	// decidable; a refused submission ends the workflow without a row.
	ErrNotRecorded = "NotRecorded"
	// ErrGrantRefused is the grant's non-retryable failure when granting
	// would break a rule at the last moment (the approver no longer holds
	// what they grant, the site is gone, the requester left the account):
	// the request then ends rejected with the reason.
	ErrGrantRefused = "GrantRefused"
)

// Activity names the workflow calls (see activities.Requests and
// activities.Notices). The workflow tests mock them by name against the
// activities worker.Register registers, so a renamed activity fails them.
const (
	ActivityRecordRequest = "RecordRequest"
	// ActivityApproveRequest grants and records an approval in one
	// transaction.
	ActivityApproveRequest = "ApproveRequest"
	// ActivityGrantRequest is the grant alone, as histories recorded before
	// ApproveRequest call it.
	ActivityGrantRequest = "GrantRequest"
	ActivityQueueNotice  = "QueueNotice"
)

// NominationID is the business-key workflow ID of a self-nomination:
// the site and the requester's user id, never personal data (emails show
// in Temporal UI, search and outbox keys, where a codec cannot hide them).
func NominationID(siteNumber string, userID int64) string {
	return "nomination/" + siteNumber + "/" + strconv.FormatInt(userID, 10)
}

// SupportAccessID is the business-key workflow ID of a support-access
// request: the account and the requester's user id.
func SupportAccessID(customerNumber string, userID int64) string {
	return "support-access/" + customerNumber + "/" + strconv.FormatInt(userID, 10)
}

// NoticeKey is the outbox key of a notice: the request and the step, never
// the run, so a reset or replayed workflow queues each notice once.
func NoticeKey(requestID, step string) string {
	return "access-request/" + requestID + "/" + step
}

// Person is the requester as they described themselves (C1).
type Person struct {
	Email   string `json:"email"`
	Name    string `json:"name"`
	Company string `json:"company"`
	Phone   string `json:"phone"`
}

// Timers are the C5 reminder, escalation and expiry delays from the start.
type Timers struct {
	RemindAfter   time.Duration `json:"remind_after"`
	EscalateAfter time.Duration `json:"escalate_after"`
	ExpireAfter   time.Duration `json:"expire_after"`
}

// Input starts the workflow.
type Input struct {
	RequestID      string             `json:"request_id"` // public id (UUID) of the read-model row
	Kind           models.RequestKind `json:"kind"`
	SiteID         int64              `json:"site_id,omitempty"` // nominations only
	SiteNumber     string             `json:"site_number,omitempty"`
	CustomerID     int64              `json:"customer_id"`
	CustomerNumber string             `json:"customer_number"`
	RequesterID    int64              `json:"requester_id"`
	Requester      Person             `json:"requester"`
	Reason         string             `json:"reason"`
	Timers         Timers             `json:"timers"`
}

// Approver is the decider's standing, resolved by the API from the
// database when the decision is made (and again by the grant, under the
// site lock).
type Approver struct {
	Email        string            `json:"email"`
	IsPrimary    bool              `json:"is_primary"`
	Privileges   models.Privileges `json:"privileges"`
	SupportAdmin bool              `json:"support_admin"`
}

// Decision is the argument of the decide update.
type Decision struct {
	Approve      bool                `json:"approve"`
	Privileges   models.Privileges   `json:"privileges"`    // nomination: what to grant
	SupportLevel models.SupportLevel `json:"support_level"` // support access: the level
	Reason       string              `json:"reason"`
	Approver     Approver            `json:"approver"`
}

// Withdrawal is the argument of the withdraw update.
type Withdrawal struct {
	By string `json:"by"`
}

// State is the workflow's state, returned by the status query and by the
// updates. It changes only once the database has recorded the change, so
// the query, the read model and the ProcessStatus search attribute agree.
type State struct {
	RequestID      string               `json:"request_id"`
	Kind           models.RequestKind   `json:"kind"`
	Status         models.RequestStatus `json:"status"`
	Reminded       bool                 `json:"reminded"`
	Escalated      bool                 `json:"escalated"`
	DecidedBy      string               `json:"decided_by,omitempty"`
	DecisionReason string               `json:"decision_reason,omitempty"`
	Granted        *models.Privileges   `json:"granted,omitempty"`
	SupportLevel   *models.SupportLevel `json:"support_level,omitempty"`
	// Finalized is true once the outcome is recorded and granted.
	Finalized bool `json:"finalized"`
	// Failures lists the side effects that failed for good (a notice that
	// could not be queued, a reminder or escalation that could not be
	// recorded). The process went on without them; they are also logged.
	Failures []Failure `json:"failures,omitempty"`
}

// Failure is one side effect the process gave up on.
type Failure struct {
	Step    string `json:"step"`           // e.g. notify-approvers, remind
	Type    string `json:"type,omitempty"` // the error type, e.g. policy.ErrNoRecipients
	Message string `json:"message"`
}

// RequestRecord is what the workflow writes to Postgres at a transition,
// with the audit action (if any) of the transition.
type RequestRecord struct {
	Input       Input  `json:"input"`
	State       State  `json:"state"`
	AuditAction string `json:"audit_action,omitempty"`
	Actor       string `json:"actor,omitempty"`
}

// Audience names who a notice goes to; the activity resolves addresses at
// send time.
type Audience string

// Audiences of the access-request notices.
const (
	AudienceApprovers   Audience = "approvers"   // C2 / D2
	AudienceSecondaries Audience = "secondaries" // C5 escalation
	AudienceRequester   Audience = "requester"   // C4
)

// NoticeRequest asks the notification activity to queue one email.
type NoticeRequest struct {
	Key      string   `json:"key"` // outbox key: NoticeKey(request, step)
	Template string   `json:"template"`
	Audience Audience `json:"audience"`
	Input    Input    `json:"input"`
	State    State    `json:"state"`
}
