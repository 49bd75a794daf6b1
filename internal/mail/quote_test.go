package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
)

// quoteTemplates are the notices the quote workflow renders.
var quoteTemplates = []string{"quote_requested", "quote_issued", "quote_revised", "quote_reminder", "quote_expired",
	"quote_declined", "quote_change_requested", "quote_change_declined", "quote_cancelled", "quote_ordered"}

func quoteData(kind string) mail.QuoteData {
	return mail.QuoteData{
		QuoteNumber: "Q-2026-000123", Kind: kind, Status: "open", SiteNumber: "300001", SiteName: "Acme - Austin",
		CustomerNumber: "1000001", CustomerName: "Acme Corporation", RequesterName: "Bob Baker", RequesterEmail: "bob@acme.example.com",
		RepName: "Samuel Hartono", RepEmail: "sales@ibm.example.com", RepPhone: "+62 21 5550 0002", Note: "for <Austin>",
		Reason: "bundle", Version: 2, ValidUntil: time.Date(2026, 12, 30, 9, 0, 0, 0, time.UTC),
		Lines:  []mail.QuoteLineData{{PartNumber: "D0R4ZLL", Description: "IBM Db2", Quantity: 4, UnitPrice: "USD 10,716.00", Discount: "5%", Total: "USD 40,720.80"}},
		Total:  "USD 40,720.80",
		Change: &mail.QuoteChangeData{Seq: 1, By: "Dave <dave@acme.example.com>", Note: "no MQ", Changes: []string{"remove E0MQ2LL"}, OnVersion: 1},
	}
}

// Every quote template renders its subject, text and HTML for a sales and
// a renewal quote: one-line subjects naming the quote, no missing field,
// the HTML escaping what people typed.
func TestEveryQuoteTemplateRenders(t *testing.T) {
	for _, name := range quoteTemplates {
		for _, kind := range []string{"sales", "renewal"} {
			m, err := mail.Render(name, quoteData(kind))
			if err != nil {
				t.Fatalf("%s/%s: %v", name, kind, err)
			}
			for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
				if strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") {
					t.Errorf("%s/%s %s: %q", name, kind, part, s)
				}
			}
			if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Q-2026-000123") {
				t.Errorf("%s/%s subject %q", name, kind, m.Subject)
			}
			if strings.Contains(m.HTML, "<Austin>") {
				t.Errorf("%s/%s: HTML does not escape the note", name, kind)
			}
		}
	}
}
