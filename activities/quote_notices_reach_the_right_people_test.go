package activities_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// Quote emails go to the right people, resolved when they are queued: the
// rep; a sales quote's requester and whoever filed the change request; a
// renewal quote's renewal notice contacts (A6: 300001's Administrative and
// S&S renewal contact, bob). An email shows the version's lines and total
// and the rep's phone (F4), and is queued once per key.
func TestQuoteNoticesReachTheRightPeople(t *testing.T) {
	f := newFixture(t)
	in := f.quoteInput(t, "Q-2026-000103")
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: quote.State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteRequested}})
	v1 := version(t, 1, time.Now().UTC(), in.Lines, 123_456)
	change := &quote.Change{Seq: 1, OnVersion: 1, By: quote.Person{ID: f.userID(t, dave), Email: dave},
		Changes: []models.LineChange{{PartNumber: "E0MQ2LL", Remove: true}}, Note: "no MQ"}

	renewal := in
	renewal.QuoteNumber, renewal.Kind, renewal.Requester = "RQ-2026-000104", models.QuoteRenewal, nil
	for _, tc := range []struct {
		n    quote.NoticeRequest
		want []string
	}{
		{quote.NoticeRequest{Key: "k/requested", Template: "quote_requested", Audience: quote.AudienceRep, Input: in}, []string{salesRep}},
		{quote.NoticeRequest{Key: "k/issued", Template: "quote_issued", Audience: quote.AudienceCustomer, Input: in, Version: &v1}, []string{bob}},
		{quote.NoticeRequest{Key: "k/declined", Template: "quote_change_declined", Audience: quote.AudienceCustomer, Input: in, Version: &v1, Change: change, Reason: "bundle"}, []string{bob, dave}},
		{quote.NoticeRequest{Key: "k/renewal", Template: "quote_issued", Audience: quote.AudienceCustomer, Input: renewal, Version: &v1}, []string{bob}},
		{quote.NoticeRequest{Key: "k/renewal-change", Template: "quote_revised", Audience: quote.AudienceCustomer, Input: renewal, Version: &v1, Change: change}, []string{bob, dave}},
	} {
		f.mustRun(t, quote.ActivityQueueQuoteNotice, tc.n)
		f.mustRun(t, quote.ActivityQueueQuoteNotice, tc.n) // a retry
		var rows []models.OutboxEmail
		if err := f.db.Where("key = ?", tc.n.Key).Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || strings.Join(rows[0].Recipients, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: %d rows to %v, want one to %v", tc.n.Key, len(rows), rows, tc.want)
			continue
		}
		if tc.n.Template == "quote_requested" && !strings.Contains(rows[0].TextBody, "D0R4ZLL") {
			t.Errorf("the rep's email lacks the lines asked for: %s", rows[0].TextBody)
		}
		if tc.n.Version != nil && (!strings.Contains(rows[0].TextBody, "USD 128,394.24") || !strings.Contains(rows[0].TextBody, "+62 21 5550 0002")) {
			t.Errorf("%s: the email lacks the total or the rep's phone: %s", tc.n.Key, rows[0].TextBody)
		}
		if strings.HasPrefix(tc.n.Template, "quote_issued") && !strings.Contains(rows[0].TextBody, "4 x USD 1,234.56") {
			t.Errorf("%s: the email lacks the priced lines: %s", tc.n.Key, rows[0].TextBody)
		}
	}
}
