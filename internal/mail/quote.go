package mail

import "time"

// QuoteData is what the quote templates (templates/quote.tmpl) show: the
// quote, the version a notice is about with its lines and total (amounts
// already written for people, e.g. "USD 1,234.56"), the change request it
// is about and the rep's contact details (F4).
type QuoteData struct {
	QuoteNumber    string
	Kind           string // sales | renewal
	Status         string
	SiteNumber     string
	SiteName       string
	CustomerNumber string
	CustomerName   string
	RequesterName  string
	RequesterEmail string
	RepName        string
	RepEmail       string
	RepPhone       string
	Note           string // what the customer wrote when asking
	Reason         string // a decline's or cancellation's reason
	Version        int    // 0: no version yet
	VersionNote    string
	ValidUntil     time.Time
	Lines          []QuoteLineData
	Total          string
	Change         *QuoteChangeData
}

// QuoteLineData is one priced line as an email shows it.
type QuoteLineData struct {
	PartNumber, Description string
	Quantity                int64
	UnitPrice, Discount     string // Discount is "" without one, else e.g. "5%"
	Total                   string
}

// QuoteChangeData is a change request as an email shows it.
type QuoteChangeData struct {
	Seq       int
	By        string
	Note      string
	Changes   []string // "remove E0R50LL", "E0MQ2LL: quantity 300"
	OnVersion int
}

// KindLabel is "quote" or "renewal quote".
func (d QuoteData) KindLabel() string {
	if d.Kind == "renewal" {
		return "renewal quote"
	}
	return "quote"
}

// KindTitle is "Quote" or "Renewal quote", to begin a sentence.
func (d QuoteData) KindTitle() string {
	if d.Kind == "renewal" {
		return "Renewal quote"
	}
	return "Quote"
}

// ValidUntilText is the end of the version's validity for a person.
func (d QuoteData) ValidUntilText() string { return HumanTime(d.ValidUntil) }

// Link is the quote's path in the customer's API; StaffLink the rep's.
func (d QuoteData) Link() string { return "/v1/quotes/" + d.QuoteNumber }

// StaffLink is the quote's path in the rep's API.
func (d QuoteData) StaffLink() string { return "/v1/staff/quotes/" + d.QuoteNumber }

// Rep is the rep as the email names them: "Name <email>, phone".
func (d QuoteData) Rep() string {
	s := d.RepEmail
	if d.RepName != "" {
		s = d.RepName + " <" + d.RepEmail + ">"
	}
	if d.RepPhone != "" {
		s += ", " + d.RepPhone
	}
	return s
}
