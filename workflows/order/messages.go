package order

import (
	"strconv"
	"time"

	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the order workflow: one order,
// from its submission to completed, cancelled or refunded.
const WorkflowName = "Order"

// Query and update names of the order workflow. Every update answers with
// the State once its change is recorded in Postgres.
const (
	QueryStatus = "status"
	// UpdateSubmit (no argument) answers once the workflow has opened the
	// order: locked the checkout's snapshot and prices and recorded the
	// order's first row. The API starts the workflow with it
	// (update-with-start); a repeated submit (a client retrying with the
	// same Idempotency-Key) answers with the same order.
	UpdateSubmit = "submit"
	// UpdatePay (Payment): after a decline, the customer pays with another
	// card or method: a new attempt with its own idempotency keys.
	UpdatePay = "pay"
	// UpdateConfirmPO and UpdateRejectPO (Decision): the IBM side (ibm-ops
	// or the customer's sales rep) confirms or rejects a purchase order.
	UpdateConfirmPO = "confirm-po"
	UpdateRejectPO  = "reject-po"
)

// Refusal types carried by update errors; the API maps them to statuses.
const (
	// ErrNotReady: the checkout cannot become an order (409); the details
	// carry the reasons (Refusal).
	ErrNotReady = "CheckoutNotReady"
	// ErrWrongStatus: the order's status does not allow the action (409).
	ErrWrongStatus = "WrongStatus"
	// ErrNotAllowed: the caller may not take this decision (403).
	ErrNotAllowed = "NotAllowed"
	// ErrInvalid: the argument breaks a rule (422); details name the field.
	ErrInvalid = "InvalidOrder"
	// ErrNotRecorded: the database refused the change for good (422).
	ErrNotRecorded = "NotRecorded"
	// ErrFulfilment: fulfilment failed for good (the payment is refunded).
	ErrFulfilment = "FulfilmentFailed"
)

// Activity names the workflow calls (activities.Orders). The workflow tests
// mock them by name against what the worker registers, so a renamed
// activity fails them.
const (
	ActivityOpenOrder        = "OpenOrder"
	ActivityRecordOrder      = "RecordOrder"
	ActivityAuthorize        = "AuthorizePayment"
	ActivityCapture          = "CapturePayment"
	ActivityVoid             = "VoidPayment"
	ActivityRefund           = "RefundPayment"
	ActivityFulfil           = "FulfilOrder"
	ActivityQueueOrderNotice = "QueueOrderNotice"
	ActivitySettleQuotes     = "SettleQuotes"
)

// SystemActor is who acts for the process itself.
const SystemActor = "system"

// WorkflowID is the business-key workflow ID of an order: its reference.
func WorkflowID(reference string) string { return "order/" + reference }

// PaymentKey is the idempotency key of a gateway call: the order, the
// payment attempt and the step, never the run, so a retried activity, a
// restarted worker or a reset workflow never charges twice.
func PaymentKey(reference string, attempt int, step string) string {
	return "order/" + reference + "/payment/" + strconv.Itoa(attempt) + "/" + step
}

// RefundKey is the idempotency key of the refund of an order.
func RefundKey(reference string) string { return "order/" + reference + "/refund" }

// NoticeKey is the outbox key of a notice: the order and the step.
func NoticeKey(reference, step string) string { return "order/" + reference + "/" + step }

// Person is a user as the order names them.
type Person struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// Timers are the order's clock (configuration).
type Timers struct {
	// PORemindAfter: the IBM side is reminded of an unconfirmed purchase
	// order this long after it was submitted.
	PORemindAfter time.Duration `json:"po_remind_after"`
	// POExpireAfter: an unconfirmed purchase order is cancelled then.
	POExpireAfter time.Duration `json:"po_expire_after"`
	// DeclinedExpireAfter: a declined order waits this long for another
	// card or method, then is cancelled.
	DeclinedExpireAfter time.Duration `json:"declined_expire_after"`
}

// DefaultTimers: remind after 3 days, a purchase order expires after 10,
// a declined payment after 7.
func DefaultTimers() Timers {
	return Timers{PORemindAfter: 72 * time.Hour, POExpireAfter: 240 * time.Hour, DeclinedExpireAfter: 168 * time.Hour}
}

// Input starts the workflow: which checkout becomes which order, for whom.
type Input struct {
	Reference      string `json:"reference"`
	SiteID         int64  `json:"site_id"`
	SiteNumber     string `json:"site_number"`
	CustomerID     int64  `json:"customer_id"`
	CustomerNumber string `json:"customer_number"`
	Buyer          Person `json:"buyer"`
	CheckoutID     int64  `json:"checkout_id"`
	Timers         Timers `json:"timers"`
}

// QuoteRef is a quote an order settles, at the version it ordered.
type QuoteRef struct {
	Number  string `json:"number"`
	Version int    `json:"version"`
}

// Opened is what OpenOrder locked: the total, the payment chosen and the
// quotes the order settles. The lines are in Postgres.
type Opened struct {
	Total   models.Money         `json:"total"`
	Payment models.PaymentChoice `json:"payment"`
	Quotes  []QuoteRef           `json:"quotes,omitempty"`
}

// Failure is a side effect the process went on without.
type Failure struct {
	Step    string `json:"step"`
	Type    string `json:"type,omitempty"`
	Message string `json:"message"`
}

// State is the order as the workflow holds it (QueryStatus).
type State struct {
	Reference string               `json:"reference"`
	Status    models.OrderStatus   `json:"status"`
	Reason    string               `json:"reason,omitempty"`
	Total     models.Money         `json:"total"`
	Payment   models.PaymentChoice `json:"payment"`
	// Attempt numbers the payment attempts (1 first; each new card or
	// method after a decline is a new attempt with its own keys).
	Attempt         int        `json:"attempt"`
	AuthorizationID string     `json:"authorization_id,omitempty"`
	CaptureID       string     `json:"capture_id,omitempty"`
	Quotes          []QuoteRef `json:"quotes,omitempty"`
	POReminded      bool       `json:"po_reminded,omitempty"`
	DecidedBy       string     `json:"decided_by,omitempty"`
	// Since is when the current status began (the clock of the purchase
	// order's and the declined payment's waits).
	Since          time.Time `json:"since"`
	DocumentNumber string    `json:"document_number,omitempty"`
	Failures       []Failure `json:"failures,omitempty"`
}

// Record is what RecordOrder writes: the order's row from the state, and
// the payment step that led to it, if any (an audit row of the payment).
type Record struct {
	Input Input         `json:"input"`
	State State         `json:"state"`
	Event *PaymentEvent `json:"event,omitempty"`
}

// PaymentEvent is one payment step as the product records it.
type PaymentEvent struct {
	Attempt     int          `json:"attempt"`
	Step        string       `json:"step"` // authorize, capture, void, refund, po_confirmed, po_rejected
	Key         string       `json:"key"`
	Succeeded   bool         `json:"succeeded"`
	GatewayID   string       `json:"gateway_id,omitempty"`
	Amount      models.Money `json:"amount"`
	DeclineCode string       `json:"decline_code,omitempty"`
	Reason      string       `json:"reason,omitempty"`
	Actor       string       `json:"actor"`
}

// Charge asks the gateway to authorize (Token) or capture, void or refund
// (PaymentID: the authorization or capture) under Key.
type Charge struct {
	Reference string       `json:"reference"`
	Key       string       `json:"key"`
	Token     string       `json:"token,omitempty"`
	PaymentID string       `json:"payment_id,omitempty"`
	Amount    models.Money `json:"amount"`
}

// ChargeResult is the gateway's answer: the authorization, capture or
// refund ID, or a decline (a business outcome, not an activity failure).
type ChargeResult struct {
	ID            string `json:"id,omitempty"`
	DeclineCode   string `json:"decline_code,omitempty"`
	DeclineReason string `json:"decline_reason,omitempty"`
}

// Declined reports whether the gateway declined.
func (r ChargeResult) Declined() bool { return r.DeclineCode != "" }

// Payment is a new card or method after a decline (UpdatePay).
type Payment struct {
	Choice models.PaymentChoice `json:"choice"`
	By     Person               `json:"by"`
}

// Decision is the IBM side's answer to a purchase order. Allowed is set by
// the API once it has checked the caller is ibm-ops or the customer's
// sales rep.
type Decision struct {
	By      Person `json:"by"`
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason,omitempty"`
}

// Fulfilment asks FulfilOrder to fulfil the order as of Day.
type Fulfilment struct {
	Reference string    `json:"reference"`
	Day       time.Time `json:"day"`
}

// Fulfilled is what fulfilment issued.
type Fulfilled struct {
	DocumentNumber string `json:"document_number"`
}

// Audiences of the order's notices.
const (
	AudienceBuyer = "buyer" // the buyer: confirmation, decline, cancellation, refund
	AudiencePoE   = "poe"   // the PoE contacts of the site (A6: Administrative Contact and/or Business Partner)
	AudienceIBM   = "ibm"   // the IBM side: the customer's sales rep (purchase order awaiting confirmation)
)

// NoticeRequest asks QueueOrderNotice to queue one email under Key.
type NoticeRequest struct {
	Key      string `json:"key"`
	Template string `json:"template"`
	Audience string `json:"audience"`
	Input    Input  `json:"input"`
	State    State  `json:"state"`
}

// Settlement asks SettleQuotes to tell the quotes they were ordered.
type Settlement struct {
	Reference string     `json:"reference"`
	Quotes    []QuoteRef `json:"quotes"`
}
