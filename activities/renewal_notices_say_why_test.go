package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// Every renewal email records why each recipient got it (issue 11 item
// 3), on the renewal's site: the verification request the Primary; the
// notice and reminders the A6 renewal contacts (and, with neither the
// Administrative nor the renewal contact, the Primary, saying so); the
// channel notice the renewal rep (the sales rep when the customer has
// none, saying so); the partner's notice the Business Partner the
// customer named or the one recorded for the customer.
func TestRenewalNoticesSayWhyEachRecipientGotThem(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300001", "1000001")
	site := in.SiteID
	quoted := renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: "RQ-2026-000242"}
	byName := renewal.State{Status: models.RenewalAwaitingOrder, Channel: models.ChannelBusinessPartner, Partner: "Northgate", QuoteNumber: quoted.QuoteNumber}
	byEmail := byName
	byEmail.Partner = "Orders@Partner.example.com"
	queue := func(key, template, audience string, st renewal.State) string {
		t.Helper()
		f.mustRun(t, renewal.ActivityQueueRenewalNotice, renewal.NoticeRequest{Key: key, Template: template, Audience: audience, Input: in, State: st, By: bob})
		return key
	}

	f.wantWhy(t, queue("why/verify", renewal.TemplateVerifyContacts, renewal.AudiencePrimary, renewal.State{Status: models.RenewalVerifying}), site,
		map[string]string{alice: "verify the site's contacts → the Primary Contact"})
	f.wantWhy(t, queue("why/notice", renewal.TemplateNotice, renewal.AudienceRenewal, quoted), site,
		map[string]string{bob: "renewal notice → Administrative Contact and S&S renewal contact"})
	f.wantWhy(t, queue("why/channel-rep", renewal.TemplateChannelRep, renewal.AudienceRep, byName), site,
		map[string]string{renewalRep: "renewal channel chosen → the customer's renewal rep"})
	f.wantWhy(t, queue("why/partner-by-email", renewal.TemplatePartnerOrder, renewal.AudiencePartner, byEmail), site,
		map[string]string{"orders@partner.example.com": "renewal through a Business Partner → the Business Partner the customer chose to renew through"})

	f.exec(t, "UPDATE customers SET business_partner_name = 'Northgate Software Partners Ltd', business_partner_email = 'orders@northgate.example.com' WHERE id = ?", in.CustomerID)
	f.wantWhy(t, queue("why/partner-by-name", renewal.TemplatePartnerOrder, renewal.AudiencePartner, byName), site,
		map[string]string{"orders@northgate.example.com": `renewal through a Business Partner → the Business Partner recorded for the customer, chosen to renew through as "Northgate"`})

	f.exec(t, "UPDATE customers SET renewal_rep_id = NULL WHERE id = ?", in.CustomerID)
	f.wantWhy(t, queue("why/channel-sales-rep", renewal.TemplateChannelRep, renewal.AudienceRep, byName), site,
		map[string]string{salesRep: "renewal channel chosen → the customer's sales rep (the customer has no renewal rep)"})

	f.exec(t, "DELETE FROM site_contacts WHERE site_id = ? AND role IN ('administrative', 'renewal')", site)
	f.wantWhy(t, queue("why/reminder-primary", renewal.TemplateReminder, renewal.AudienceRenewal, quoted), site,
		map[string]string{alice: "renewal notice → no Administrative Contact or S&S renewal contact, fell back to the Primary Contact"})
}
