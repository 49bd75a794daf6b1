package activities_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// Renewal emails go to the right people, resolved when they are queued:
// the verification request to the Primary (alice), with the site's
// contacts and the link to them; the renewal notice and reminders to the
// A6 renewal contacts (300001: bob, Administrative and S&S renewal
// contact) with the quote screen's link and the quote's priced lines once
// recorded (the coverage due before); the channel notices to the renewal
// rep and to the Business Partner (an email named by the customer, else
// the one recorded for the customer). Each is queued once per key.
func TestRenewalNoticesReachTheRightPeople(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300001", "1000001")
	quoted := renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: "RQ-2026-000142"}
	byPartnerName := renewal.State{Status: models.RenewalAwaitingOrder, Channel: models.ChannelBusinessPartner, Partner: "Northgate", QuoteNumber: "RQ-2026-000142"}
	byPartnerEmail := byPartnerName
	byPartnerEmail.Partner = "Orders@Partner.example.com"

	for _, tc := range []struct {
		n        renewal.NoticeRequest
		want     []string
		contains []string
	}{
		{renewal.NoticeRequest{Key: "r/verification", Template: renewal.TemplateVerifyContacts, Audience: renewal.AudiencePrimary, Input: in,
			State: renewal.State{Status: models.RenewalVerifying}}, []string{alice},
			[]string{"/v1/sites/300001/contacts", "Primary Contact: Alice Anderson <alice@acme.example.com>", "Site Technical Contact: Carol Chen"}},
		{renewal.NoticeRequest{Key: "r/quote", Template: renewal.TemplateNotice, Audience: renewal.AudienceRenewal, Input: in, State: quoted},
			[]string{bob}, []string{"/renewals/RQ-2026-000142", "/v1/renewals/RQ-2026-000142", "E0R50LL", "Rini Kusuma", "Prices: on the renewal quote"}},
		{renewal.NoticeRequest{Key: "r/channel-rep", Template: renewal.TemplateChannelRep, Audience: renewal.AudienceRep, Input: in,
			State: byPartnerName, By: bob}, []string{renewalRep}, []string{"/v1/staff/renewals/RQ-2026-000142/external-order", "Northgate", bob}},
		{renewal.NoticeRequest{Key: "r/lapse", Template: renewal.TemplateLapsed, Audience: renewal.AudienceRenewal, Input: in,
			State: renewal.State{Status: models.RenewalLapsed, Channel: models.ChannelOnline}},
			[]string{bob}, []string{"reinstatement parts from the catalog (D0R51LL"}},
		{renewal.NoticeRequest{Key: "r/channel-partner", Template: renewal.TemplatePartnerOrder, Audience: renewal.AudiencePartner, Input: in,
			State: byPartnerEmail, By: bob}, []string{"orders@partner.example.com"}, []string{"RQ-2026-000142", bob}},
	} {
		f.mustRun(t, renewal.ActivityQueueRenewalNotice, tc.n)
		f.mustRun(t, renewal.ActivityQueueRenewalNotice, tc.n) // a retry
		var rows []models.OutboxEmail
		if err := f.db.Where("key = ?", tc.n.Key).Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || strings.Join(rows[0].Recipients, ",") != strings.Join(tc.want, ",") {
			t.Fatalf("%s: %d rows to %v, want one to %v", tc.n.Key, len(rows), rows, tc.want)
		}
		for _, c := range tc.contains {
			if !strings.Contains(rows[0].TextBody, c) {
				t.Errorf("%s lacks %q:\n%s", tc.n.Key, c, rows[0].TextBody)
			}
		}
	}

	// Once the quote is recorded, the reminder shows its priced lines.
	qin := f.quoteInput(t, quoted.QuoteNumber)
	qin.Kind, qin.Requester = models.QuoteRenewal, nil
	v1 := version(t, 1, time.Now().UTC(), qin.Lines, 123_456)
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: qin, State: quote.State{QuoteNumber: qin.QuoteNumber, Kind: qin.Kind,
		Status: models.QuoteOpen, Version: 1, Versions: []quote.Version{v1}, ValidUntil: v1.ValidUntil}})
	f.mustRun(t, renewal.ActivityQueueRenewalNotice, renewal.NoticeRequest{Key: "r/reminder-30d", Template: renewal.TemplateReminder,
		Audience: renewal.AudienceRenewal, Input: in, State: quoted})
	var body string
	f.scan(t, &body, "SELECT text_body FROM outbox WHERE key = 'r/reminder-30d'")
	if !strings.Contains(body, "4 x USD 1,234.56") || !strings.Contains(body, "Total: USD 128,394.24") {
		t.Fatalf("the reminder lacks the quote's priced lines:\n%s", body)
	}

	// A partner named, none recorded for the customer: nobody to tell.
	err := f.run(renewal.ActivityQueueRenewalNotice, renewal.NoticeRequest{Key: "r/channel-nobody", Template: renewal.TemplatePartnerOrder,
		Audience: renewal.AudiencePartner, Input: in, State: byPartnerName, By: bob})
	wantNonRetryable(t, err, policy.ErrNoRecipients)
}

// A Business Partner named by name reaches the partner recorded for the
// customer (1000004 buys through Northgate).
func TestRenewalPartnerNamedByNameReachesTheRecordedPartner(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300301", "1000004")
	f.mustRun(t, renewal.ActivityQueueRenewalNotice, renewal.NoticeRequest{Key: "r/partner", Template: renewal.TemplatePartnerOrder,
		Audience: renewal.AudiencePartner, Input: in, By: "ian@brightwell.example.com",
		State: renewal.State{Status: models.RenewalAwaitingOrder, Channel: models.ChannelBusinessPartner, Partner: "Northgate Software Partners Ltd", QuoteNumber: "RQ-2026-000143"}})
	var to string
	f.scan(t, &to, "SELECT array_to_string(recipients, ',') FROM outbox WHERE key = 'r/partner'")
	if to != "orders@northgate-partners.example.com" {
		t.Fatalf("the partner's notice went to %q", to)
	}
}
