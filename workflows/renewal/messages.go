package renewal

import (
	"time"

	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the renewal workflow: one site's
// renewal of the S&S coverage due on one date, from verification to
// renewed or lapsed.
const WorkflowName = "Renewal"

// Query and update names of the renewal workflow. Every update answers
// with the State once its change is recorded in Postgres.
const (
	QueryStatus = "status"
	// UpdateVerifyContacts (Verification): the Primary Contact confirms the
	// site's contacts are right (optional: the process goes on without).
	UpdateVerifyContacts = "verify-contacts"
	// UpdateChooseChannel (ChannelChoice): the customer renews online (the
	// default), through a Business Partner (named) or through the renewal
	// rep. Off-line channels stop the customer reminders and tell the rep
	// or partner; the process then waits for the external order.
	UpdateChooseChannel = "choose-channel"
	// UpdateExternalOrder (ExternalOrder): a renewal rep or ibm-ops records
	// the order placed through the Business Partner or the rep.
	UpdateExternalOrder = "external-order"
	// UpdateOrdered (Ordered): the order process tells the renewal its
	// quote was ordered online (after fulfilment extended the coverage).
	UpdateOrdered = "ordered"
)

// Refusal types carried by update errors; the API maps them to statuses.
const (
	ErrWrongStatus = "WrongStatus" // 409
	ErrNotAllowed  = "NotAllowed"  // 403
	ErrInvalid     = "InvalidRenewal"
	ErrNotRecorded = "NotRecorded" // 422
	// ErrNothingDue (PrepareRenewalQuote): no S&S coverage of the site ends
	// on the due date any more (renewed early, co-termed away): the
	// renewal ends renewed without a quote.
	ErrNothingDue = "NothingDue"
	// ErrNoRep (PrepareRenewalQuote): the customer has neither a renewal
	// rep nor a sales rep to own the renewal quote; the failure is
	// recorded and the quote tried again at the next reminder.
	ErrNoRep = "NoRenewalRep"
)

// Templates of the renewal's notices (internal/mail/templates/renewal.tmpl).
const (
	TemplateVerifyContacts = "renewal_verify_contacts" // the Primary: verify the site's contacts
	TemplateNotice         = "renewal_notice"          // the renewal contacts: the renewal quote is ready
	TemplateReminder       = "renewal_reminder"        // the renewal contacts: nothing ordered yet
	TemplateLapsed         = "renewal_lapsed"          // the renewal contacts: the coverage lapsed
	TemplateChannelRep     = "renewal_channel_rep"     // the renewal rep: the customer chose (or left) an off-line channel
	TemplatePartnerOrder   = "renewal_partner_order"   // the Business Partner: the customer renews through you
)

// Activity names the workflow calls (activities.Renewals).
const (
	ActivityRecordRenewal       = "RecordRenewal"
	ActivityPrepareRenewalQuote = "PrepareRenewalQuote"
	ActivityQueueRenewalNotice  = "QueueRenewalNotice"
	// ActivitySettleExternalOrder extends the coverage the renewal quote
	// renews and tells the quote it was ordered (ExternalSettlement), once
	// the IBM side recorded an order placed off-line.
	ActivitySettleExternalOrder = "SettleExternalOrder"
)

// SystemActor is who acts for the process itself.
const SystemActor = "system"

// DateLayout is how a due date is written in IDs and keys.
const DateLayout = "2006-01-02"

// WorkflowID is the business-key workflow ID of a renewal: the site and
// the due date (renewal/300001/2027-06-30).
func WorkflowID(siteNumber string, due time.Time) string {
	return "renewal/" + siteNumber + "/" + due.UTC().Format(DateLayout)
}

// NoticeKey is the outbox key of a renewal notice: the renewal and the step.
func NoticeKey(siteNumber string, due time.Time, step string) string {
	return WorkflowID(siteNumber, due) + "/" + step
}

// Person is a user as the renewal names them.
type Person struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// Input starts the workflow: one site's coverage due on DueDate.
type Input struct {
	SiteID         int64                 `json:"site_id"`
	SiteNumber     string                `json:"site_number"`
	CustomerID     int64                 `json:"customer_id"`
	CustomerNumber string                `json:"customer_number"`
	DueDate        time.Time             `json:"due_date"`
	Offsets        models.RenewalOffsets `json:"offsets"`
	// QuoteRemindBefore is the renewal quote's own reminder (the quote
	// process's timer); zero: none, the renewal's reminders do it.
	QuoteRemindBefore time.Duration `json:"quote_remind_before,omitempty"`
	// Carried is the state of a run continued as new.
	Carried *State `json:"carried,omitempty"`
	// Resume is when the run continued as new stopped waiting: the
	// calendar steps before it are behind the renewal (done, skipped or not
	// needed), those from it on are still ahead. Zero on the first run.
	Resume time.Time `json:"resume,omitzero"`
}

// Failure is a side effect the process went on without.
type Failure struct {
	Step    string `json:"step"`
	Type    string `json:"type,omitempty"`
	Message string `json:"message"`
}

// State is the renewal as the workflow holds it (QueryStatus).
type State struct {
	Status        models.RenewalStatus  `json:"status"`
	Channel       models.RenewalChannel `json:"channel"`
	Partner       string                `json:"partner,omitempty"`
	QuoteNumber   string                `json:"quote_number,omitempty"`
	Verified      bool                  `json:"verified"`
	VerifiedBy    string                `json:"verified_by,omitempty"`
	VerifiedAt    *time.Time            `json:"verified_at,omitempty"`
	RemindersSent []string              `json:"reminders_sent,omitempty"`
	Skipped       []string              `json:"skipped,omitempty"`
	OrderRef      string                `json:"order_ref,omitempty"`
	ExternalOrder string                `json:"external_order,omitempty"`
	ClosedReason  string                `json:"closed_reason,omitempty"`
	Failures      []Failure             `json:"failures,omitempty"`

	// ChannelChanges counts the recorded channel choices (it keys their
	// notices: channel-<n>-<channel>).
	ChannelChanges int `json:"channel_changes,omitempty"`
}

// Record is what RecordRenewal writes: the renewal's row from the state.
type Record struct {
	Input Input `json:"input"`
	State State `json:"state"`
}

// Verification is the Primary's confirmation of the contacts. Allowed is
// set by the API once it has checked the caller is the site's Primary.
type Verification struct {
	By      Person `json:"by"`
	Allowed bool   `json:"allowed"`
}

// ChannelChoice is the customer's choice of channel (F5); Partner names
// the Business Partner for that channel.
type ChannelChoice struct {
	Channel models.RenewalChannel `json:"channel"`
	Partner string                `json:"partner,omitempty"`
	By      Person                `json:"by"`
}

// ExternalOrder is an order placed off-line, recorded by the IBM side
// (Allowed: the API checked the caller is a renewal rep or ibm-ops).
type ExternalOrder struct {
	Reference string `json:"reference"`
	By        Person `json:"by"`
	Allowed   bool   `json:"allowed"`
}

// Ordered tells the renewal its quote was ordered online.
type Ordered struct {
	OrderRef    string `json:"order_ref"`
	QuoteNumber string `json:"quote_number"`
}

// Audiences of the renewal's notices.
const (
	AudiencePrimary = "primary" // the verification request
	AudienceRenewal = "renewal" // A6 renewal notice contacts: Administrative and S&S renewal, else the Primary
	AudienceRep     = "rep"     // the renewal rep (an off-line channel chosen)
	AudiencePartner = "partner" // the Business Partner (chosen as the channel)
)

// NoticeRequest asks QueueRenewalNotice to queue one email under Key.
type NoticeRequest struct {
	Key      string `json:"key"`
	Template string `json:"template"`
	Audience string `json:"audience"`
	Input    Input  `json:"input"`
	State    State  `json:"state"`
	// By is who acted, when a person did (the channel's chooser, whom
	// the rep or the partner may contact).
	By string `json:"by,omitempty"`
}

// ExternalSettlement asks SettleExternalOrder to settle an order placed
// off-line: the renewal quote's lines are renewed (coverage extended to the
// next anniversary from the due date) and the quote is marked ordered with
// the order's reference, so it can be neither ordered again nor expire.
type ExternalSettlement struct {
	Input       Input  `json:"input"`
	QuoteNumber string `json:"quote_number"`
	Reference   string `json:"reference"`
	By          string `json:"by"`
}
