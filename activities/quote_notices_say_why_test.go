package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// Every quote email records why each recipient got it (issue 11 item 3),
// on the quote's site: the rep; a sales quote's requester; a renewal
// quote's renewal notice contacts by the A6 rule (300001's bob holds both
// roles); whoever filed the change request the email is about.
func TestQuoteNoticesSayWhyEachRecipientGotThem(t *testing.T) {
	f := newFixture(t)
	in := f.quoteInput(t, "Q-2026-000203")
	site := in.SiteID
	v1 := version(t, 1, time.Now().UTC(), in.Lines, 123_456)
	change := &quote.Change{Seq: 2, OnVersion: 1, By: quote.Person{ID: f.userID(t, dave), Email: dave},
		Changes: []models.LineChange{{PartNumber: "E0MQ2LL", Remove: true}}, Note: "no MQ"}
	renewal := in
	renewal.QuoteNumber, renewal.Kind, renewal.Requester = "RQ-2026-000204", models.QuoteRenewal, nil

	for _, tc := range []struct {
		n    quote.NoticeRequest
		want map[string]string
	}{
		{quote.NoticeRequest{Key: "why/requested", Template: "quote_requested", Audience: quote.AudienceRep, Input: in},
			map[string]string{salesRep: "quote request → the quote's rep"}},
		{quote.NoticeRequest{Key: "why/issued", Template: "quote_issued", Audience: quote.AudienceCustomer, Input: in, Version: &v1},
			map[string]string{bob: "quote issued → asked for the quote"}},
		{quote.NoticeRequest{Key: "why/declined", Template: "quote_change_declined", Audience: quote.AudienceCustomer, Input: in, Version: &v1, Change: change, Reason: "bundle"},
			map[string]string{bob: "change declined → asked for the quote", dave: "change declined → filed change request 2"}},
		{quote.NoticeRequest{Key: "why/renewal", Template: "quote_issued", Audience: quote.AudienceCustomer, Input: renewal, Version: &v1},
			map[string]string{bob: "renewal notice → Administrative Contact and S&S renewal contact"}},
		{quote.NoticeRequest{Key: "why/renewal-change", Template: "quote_revised", Audience: quote.AudienceCustomer, Input: renewal, Version: &v1, Change: change},
			map[string]string{bob: "renewal notice → Administrative Contact and S&S renewal contact", dave: "quote revised → filed change request 2"}},
		{quote.NoticeRequest{Key: "why/renewal-change-by-bob", Template: "quote_revised", Audience: quote.AudienceCustomer, Input: renewal, Version: &v1,
			Change: &quote.Change{Seq: 3, OnVersion: 1, By: quote.Person{ID: f.userID(t, bob), Email: "Bob@Acme.example.com"}, Changes: change.Changes}},
			map[string]string{bob: "renewal notice → Administrative Contact and S&S renewal contact; quote revised → filed change request 3"}},
	} {
		f.mustRun(t, quote.ActivityQueueQuoteNotice, tc.n)
		f.wantWhy(t, tc.n.Key, site, tc.want)
	}
}
