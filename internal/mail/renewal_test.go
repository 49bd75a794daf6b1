package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/workflows/renewal"
)

// renewalTemplates are the notices the renewal workflow renders.
var renewalTemplates = []string{renewal.TemplateVerifyContacts, renewal.TemplateNotice, renewal.TemplateReminder,
	renewal.TemplateLapsed, renewal.TemplateChannelRep, renewal.TemplatePartnerOrder}

func renewalData(channel string, priced bool) mail.RenewalData {
	d := mail.RenewalData{
		SiteNumber: "300001", SiteName: "Acme <Austin>", CustomerNumber: "1000001", CustomerName: "Acme & <Sons>",
		DueDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), QuoteNumber: "RQ-2027-000042", Status: "quoted",
		Reason: "nothing was ordered by <the due date>", Channel: channel, Partner: "Northgate <Partners>",
		By: "bob@acme.example.com", TimeLeft: "30 days",
		Lines:    []mail.RenewalLineData{{PartNumber: "E0R50LL", Description: "IBM Db2 <renewal>", Quantity: 16}},
		Contacts: []mail.RenewalContactData{{Role: mail.RoleTitle("primary"), Name: "Alice <Anderson>", Email: "alice@acme.example.com"}},
		RepName:  "Rini Kusuma", RepEmail: "renewals@ibm.example.com", RepPhone: "+62 21 5550 0003",
	}
	if priced {
		d.Lines[0].UnitPrice, d.Lines[0].Total, d.Total = "USD 2,143.20", "USD 34,291.20", "USD 34,291.20"
	}
	return d
}

// Every renewal template renders its subject, text and HTML, priced or
// not, for each channel: a one-line subject naming the site, no missing
// field, the HTML escaping what people typed.
func TestEveryRenewalTemplateRendersAndEscapes(t *testing.T) {
	for _, name := range renewalTemplates {
		for _, channel := range []string{"online", "business_partner", "renewal_rep"} {
			for _, priced := range []bool{true, false} {
				m, err := mail.Render(name, renewalData(channel, priced))
				if err != nil {
					t.Fatalf("%s/%s: %v", name, channel, err)
				}
				for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
					if strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") {
						t.Errorf("%s/%s %s: %q", name, channel, part, s)
					}
				}
				if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "300001") && !strings.Contains(m.Subject, "RQ-2027-000042") {
					t.Errorf("%s subject %q", name, m.Subject)
				}
				for _, typed := range []string{"<Austin>", "<Sons>", "<renewal>", "<Partners>", "<Anderson>", "<the due date>"} {
					if strings.Contains(m.HTML, typed) {
						t.Errorf("%s/%s: HTML does not escape %q", name, channel, typed)
					}
				}
				if priced && strings.Contains(m.Text, "E0R50LL") && !strings.Contains(m.Text, "USD 34,291.20") {
					t.Errorf("%s: a priced renewal's lines lack the total: %s", name, m.Text)
				}
			}
		}
	}
}

// Each notice links where its reader acts: the verification to the site's
// contacts, the customer's notices to the renewal quote screen (customer
// pages and API), the rep's to the external order; the lapse names the
// reinstatement parts.
func TestRenewalNoticesLinkWhereTheReaderActs(t *testing.T) {
	for name, want := range map[string][]string{
		renewal.TemplateVerifyContacts: {"/v1/sites/300001/contacts", "/v1/renewals/300001-2027-06-30/verify-contacts", "Primary Contact: Alice <Anderson> <alice@acme.example.com>"},
		renewal.TemplateNotice:         {"/renewals/RQ-2027-000042", "/v1/renewals/RQ-2027-000042", "30 June 2027"},
		renewal.TemplateReminder:       {"/renewals/RQ-2027-000042", "30 days"},
		renewal.TemplateLapsed:         {"reinstatement", "RQ-2027-000042"},
		renewal.TemplateChannelRep:     {"/v1/staff/renewals/RQ-2027-000042/external-order", "Northgate <Partners>"},
		renewal.TemplatePartnerOrder:   {"RQ-2027-000042", "bob@acme.example.com", "Northgate <Partners>"},
	} {
		m, err := mail.Render(name, renewalData("business_partner", true))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, m.Text)
			}
		}
	}
	m, err := mail.Render(renewal.TemplateChannelRep, renewalData("online", true))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.Text, "external-order") || !strings.Contains(m.Text, "online") {
		t.Errorf("back to online still asks for an external order: %s", m.Text)
	}
}
