package activities

import (
	"slices"
	"strings"

	"github.com/pao/pao/models"
)

// Why did they get this notice? (issue 11 item 3.) Every notice activity
// records, per recipient, the rule that chose them: "<the email> → <the
// rule>", e.g. "order confirmation → the buyer" or, from the A6 router,
// "renewal notice → Administrative Contact".

// noticeTitles are the emails as people name them, by template.
var noticeTitles = map[string]string{
	"order_confirmation":      "order confirmation",
	"order_poe":               "Proof of Entitlement",
	"order_payment_declined":  "payment declined",
	"order_po_awaiting":       "purchase order to confirm",
	"order_po_reminder":       "purchase order reminder",
	"order_cancelled":         "order cancelled",
	"order_refunded":          "order refunded",
	"quote_requested":         "quote request",
	"quote_issued":            "quote issued",
	"quote_revised":           "quote revised",
	"quote_reminder":          "quote reminder",
	"quote_expired":           "quote expired",
	"quote_declined":          "quote request declined",
	"quote_change_requested":  "change requested on a quote",
	"quote_change_declined":   "change declined",
	"quote_cancelled":         "quote cancelled",
	"quote_ordered":           "quote ordered",
	"renewal_verify_contacts": "verify the site's contacts",
	"renewal_notice":          "renewal notice",
	"renewal_reminder":        "renewal reminder",
	"renewal_lapsed":          "renewal lapsed",
	"renewal_channel_rep":     "renewal channel chosen",
	"renewal_partner_order":   "renewal through a Business Partner",
}

// noticeTitle is the email of template as people name it; a template
// without a title is its name in words ("order_shipped" → "order shipped").
func noticeTitle(template string) string {
	if t, ok := noticeTitles[template]; ok {
		return t
	}
	return strings.ReplaceAll(template, "_", " ")
}

// requestTitle is an access request's email as people name it:
// "self-nomination", "support access request reminder", ...
func requestTitle(kind models.RequestKind, template string) string {
	t := "self-nomination"
	if kind == models.KindSupportAccess {
		t = "support access request"
	}
	if step := strings.TrimPrefix(template, "request_"); step != "new" && step != "" {
		t += " " + strings.ReplaceAll(step, "_", " ")
	}
	return t
}

// chosen collects the recipients of one email and the rules that chose
// each: addresses are compared lower-cased and trimmed, an empty one is
// nobody. A rule is a head ("order confirmation → ", "self-nomination →
// approver: ") and a detail ("the buyer"); the details of one head are
// joined ("… → approver: Primary Contact of site 300001 and manage access
// = update on site 300001"), different heads with "; ".
type chosen struct {
	why map[string][]rule
}

type rule struct {
	head    string
	details []string
}

// add records that the rule head+detail chose email.
func (c *chosen) add(email, head, detail string) {
	e := strings.ToLower(strings.TrimSpace(email))
	if e == "" {
		return
	}
	if c.why == nil {
		c.why = map[string][]rule{}
	}
	rules := c.why[e]
	i := slices.IndexFunc(rules, func(r rule) bool { return r.head == head })
	if i < 0 {
		rules, i = append(rules, rule{head: head}), len(rules)
	}
	if !slices.Contains(rules[i].details, detail) {
		rules[i].details = append(rules[i].details, detail)
	}
	c.why[e] = rules
}

// addRouted records what the A6 router chose, with its reasons ("renewal
// notice → Administrative Contact").
func (c *chosen) addRouted(rs []models.Recipient) {
	for _, r := range rs {
		head, detail, _ := strings.Cut(r.Reason, " → ")
		c.add(r.Email, head+" → ", detail)
	}
}

// drop removes email (someone who must not receive the email).
func (c *chosen) drop(email string) { delete(c.why, strings.ToLower(strings.TrimSpace(email))) }

// list is the recipients sorted by address, each with a non-empty reason.
func (c *chosen) list() []models.Recipient {
	out := make([]models.Recipient, 0, len(c.why))
	for e, rules := range c.why {
		parts := make([]string, len(rules))
		for i, r := range rules {
			parts[i] = r.head + models.JoinWords(r.details, "and")
		}
		out = append(out, models.Recipient{Email: e, Reason: strings.Join(parts, "; ")})
	}
	slices.SortFunc(out, func(a, b models.Recipient) int { return strings.Compare(a.Email, b.Email) })
	return out
}

// siteRef is the site id an outbox row is about (nil for none).
func siteRef(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
