package mail

import (
	"strings"
	"time"
)

// RenewalData is what the renewal templates (templates/renewal.tmpl) show:
// the site and the S&S due on its renewal date, the renewal quote with its
// lines (amounts already written for people, e.g. "USD 1,234.56"; none
// before the quote is priced), the site's contacts (the verification
// request), the customer's channel and the renewal rep's contact details
// (F4).
type RenewalData struct {
	SiteNumber     string
	SiteName       string
	CustomerNumber string
	CustomerName   string
	DueDate        time.Time
	QuoteNumber    string
	Status         string
	Reason         string // how a final renewal ended
	// Channel is online, business_partner or renewal_rep; Partner names
	// the Business Partner of that channel; By is who chose it.
	Channel string
	Partner string
	By      string
	// TimeLeft is the time to the due date when the notice was queued,
	// for people ("30 days").
	TimeLeft string
	Lines    []RenewalLineData
	// ReinstatementParts renew the lapsed S&S of the lines (lapse notice).
	ReinstatementParts []string
	Total              string
	Contacts           []RenewalContactData
	RepName            string
	RepEmail           string
	RepPhone           string
}

// RenewalLineData is one S&S line due: priced once the quote is.
type RenewalLineData struct {
	PartNumber, Description string
	Quantity                int64
	UnitPrice, Total        string // "" before the quote is priced
}

// RenewalContactData is one contact role holder of the site.
type RenewalContactData struct {
	Role, Name, Email string
}

// roleTitles are the contact roles (SPEC A2) as people read them.
var roleTitles = map[string]string{
	"primary":        "Primary Contact",
	"administrative": "Administrative Contact",
	"technical":      "Site Technical Contact",
	"secondary":      "Secondary Contact",
	"renewal":        "S&S renewal contact",
	"media":          "S&S media delivery contact",
	"billing":        "Billing contact",
}

// RoleTitle is a contact role as people read it ("Site Technical
// Contact"); an unknown role is itself.
func RoleTitle(role string) string {
	if t, ok := roleTitles[role]; ok {
		return t
	}
	return role
}

// DueText is the renewal's due date for people: "30 June 2027".
func (d RenewalData) DueText() string {
	if d.DueDate.IsZero() {
		return ""
	}
	return d.DueDate.UTC().Format("2 January 2006")
}

// QuoteLink is the renewal quote's screen in the customer pages.
func (d RenewalData) QuoteLink() string { return "/renewals/" + d.QuoteNumber }

// APILink is the renewal quote in the API.
func (d RenewalData) APILink() string { return "/v1/renewals/" + d.QuoteNumber }

// ExternalOrderLink is where the IBM side records an order placed off-line.
func (d RenewalData) ExternalOrderLink() string {
	return "/v1/staff/renewals/" + d.QuoteNumber + "/external-order"
}

// VerifyLink is where the Primary confirms the contacts: the renewal by
// its reference <site>-<due date> (there is no quote number yet).
func (d RenewalData) VerifyLink() string {
	return "/v1/renewals/" + d.SiteNumber + "-" + d.DueDate.UTC().Format("2006-01-02") + "/verify-contacts"
}

// ContactsLink is the site's contacts in the API (view, correct).
func (d RenewalData) ContactsLink() string { return "/v1/sites/" + d.SiteNumber + "/contacts" }

// Priced reports whether the lines carry prices.
func (d RenewalData) Priced() bool { return d.Total != "" }

// ChannelText names the channel in a sentence: "online", "the Business
// Partner Northgate Ltd", "the renewal rep".
func (d RenewalData) ChannelText() string {
	switch d.Channel {
	case "business_partner":
		if d.Partner != "" {
			return "the Business Partner " + d.Partner
		}
		return "a Business Partner"
	case "renewal_rep":
		return "the renewal rep"
	}
	return "online"
}

// Offline reports whether the customer renews through a partner or the rep.
func (d RenewalData) Offline() bool {
	return d.Channel == "business_partner" || d.Channel == "renewal_rep"
}

// Rep is the renewal rep as the email names them: "Name <email>, phone".
func (d RenewalData) Rep() string {
	s := d.RepEmail
	if d.RepName != "" {
		s = d.RepName + " <" + d.RepEmail + ">"
	}
	if d.RepPhone != "" {
		s += ", " + d.RepPhone
	}
	return s
}

// ReinstatementText lists the reinstatement parts: " (D0R51LL, D0VJ7LL)",
// or "" when none is known.
func (d RenewalData) ReinstatementText() string {
	if len(d.ReinstatementParts) == 0 {
		return ""
	}
	return " (" + strings.Join(d.ReinstatementParts, ", ") + ")"
}
