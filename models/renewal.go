package models

import (
	"sort"
	"strconv"
	"time"

	"github.com/lib/pq"
)

// RenewalStatus is where a site's renewal (SPEC F2) is in its calendar.
type RenewalStatus string

// Renewal statuses: scheduled (started, before the verification request),
// verifying (the Primary was asked to verify the contacts), quoted (the
// renewal quote is issued and the notice sent: the customer may order it
// online), awaiting_external_order (the customer chose a Business Partner or
// the renewal rep: the process waits for the IBM side to record the order),
// and the final renewed and lapsed.
const (
	RenewalScheduled     RenewalStatus = "scheduled"
	RenewalVerifying     RenewalStatus = "verifying"
	RenewalQuoted        RenewalStatus = "quoted"
	RenewalAwaitingOrder RenewalStatus = "awaiting_external_order"
	RenewalRenewed       RenewalStatus = "renewed"
	RenewalLapsed        RenewalStatus = "lapsed"
)

// Final reports whether the renewal's process is over.
func (s RenewalStatus) Final() bool { return s == RenewalRenewed || s == RenewalLapsed }

// RenewalChannel is how the customer renews (SPEC F5).
type RenewalChannel string

// Renewal channels; online is the default.
const (
	ChannelOnline          RenewalChannel = "online"
	ChannelBusinessPartner RenewalChannel = "business_partner"
	ChannelRenewalRep      RenewalChannel = "renewal_rep"
)

// Valid reports whether c is a known channel.
func (c RenewalChannel) Valid() bool {
	return c == ChannelOnline || c == ChannelBusinessPartner || c == ChannelRenewalRep
}

// RenewalOffsets are the renewal calendar (SPEC F2), each before the due
// date: the contact verification, the quote and notice, the reminders. The
// lapse is at the due date.
type RenewalOffsets struct {
	Verification time.Duration   `json:"verification"`
	Quote        time.Duration   `json:"quote"`
	Reminders    []time.Duration `json:"reminders"`
}

// DefaultRenewalOffsets: verification 120 days before, quote 90, reminders
// 60, 30 and 7.
func DefaultRenewalOffsets() RenewalOffsets {
	day := 24 * time.Hour
	return RenewalOffsets{Verification: 120 * day, Quote: 90 * day, Reminders: []time.Duration{60 * day, 30 * day, 7 * day}}
}

// Calendar step names.
const (
	StepVerification = "verification"
	StepQuote        = "quote"
	StepReminder     = "reminder" // a reminder's step is "reminder-<days or duration>"
	StepLapse        = "lapse"
)

// CalendarStep is one dated step of a renewal's calendar.
type CalendarStep struct {
	Name string    `json:"name"`
	At   time.Time `json:"at"`
}

// RenewalCalendar is the calendar of a renewal due on due, split at now:
// the steps still ahead (in order, the lapse last) and those whose time
// has passed (a renewal started late records them as skipped). The quote
// is never skipped while the due date is ahead: a late renewal still
// needs its quote, issued at once; a past reminder is skipped.
func RenewalCalendar(due time.Time, o RenewalOffsets, now time.Time) (ahead, skipped []CalendarStep) {
	steps := []CalendarStep{
		{Name: StepVerification, At: due.Add(-o.Verification)},
		{Name: StepQuote, At: due.Add(-o.Quote)},
	}
	for _, r := range o.Reminders {
		steps = append(steps, CalendarStep{Name: ReminderStep(r), At: due.Add(-r)})
	}
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].At.Before(steps[j].At) })
	steps = append(steps, CalendarStep{Name: StepLapse, At: due})
	for _, s := range steps {
		switch {
		case !s.At.Before(now), s.Name == StepLapse:
			ahead = append(ahead, s)
		case s.Name == StepQuote && now.Before(due):
			ahead = append(ahead, CalendarStep{Name: s.Name, At: now})
		default:
			skipped = append(skipped, s)
		}
	}
	return ahead, skipped
}

// ReminderStep names the reminder d before the due date: "reminder-60d"
// for whole days, else "reminder-<duration>" (development offsets).
func ReminderStep(d time.Duration) string {
	day := 24 * time.Hour
	if d >= day && d%day == 0 {
		return StepReminder + "-" + strconv.FormatInt(int64(d/day), 10) + "d"
	}
	return StepReminder + "-" + d.String()
}

// Renewal is a renewals row, written by the renewal workflow at every
// transition (migration 00012).
type Renewal struct {
	ID                 int64 `gorm:"primaryKey"`
	SiteID             int64
	CustomerID         int64
	DueDate            time.Time `gorm:"type:date"`
	Status             RenewalStatus
	Channel            RenewalChannel
	ChannelPartner     string
	QuoteNumber        string
	ContactsVerifiedAt *time.Time
	ContactsVerifiedBy string
	RemindersSent      pq.StringArray `gorm:"type:text[]"`
	SkippedSteps       pq.StringArray `gorm:"type:text[]"`
	OrderRef           string
	ExternalOrder      string
	ClosedReason       string
	WorkflowID         string
	RunID              string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}
