package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/internal/testenv"
)

// renewalDoc is the part of the renewal quote screen this test reads.
type renewalDoc struct {
	Reference   string `json:"reference"`
	QuoteNumber string `json:"quote_number"`
	Renewal     struct {
		Status       string `json:"status"`
		Channel      string `json:"channel"`
		Verification struct {
			Verified bool   `json:"verified"`
			By       string `json:"by"`
		} `json:"verification"`
		RemindersSent []string `json:"reminders_sent"`
		ExternalOrder string   `json:"external_order"`
		ClosedReason  string   `json:"closed_reason"`
	} `json:"renewal"`
	Quote *struct {
		Status string `json:"status"`
		Total  struct {
			Minor    int64  `json:"amount_minor"`
			Currency string `json:"currency"`
		} `json:"total"`
		Lines []struct {
			PartNumber string `json:"part_number"`
			Quantity   int64  `json:"quantity"`
		} `json:"lines"`
	} `json:"quote"`
	Account struct {
		CustomerNumber string `json:"customer_number"`
		RenewalDueDate string `json:"renewal_due_date"`
	} `json:"account"`
	SalesRep *struct {
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"sales_rep"`
	Actions []string `json:"actions"`
}

func renewalCall(t *testing.T, w world, method, path, token string, body any, want int) renewalDoc {
	t.Helper()
	r := w.Do(method, path, token, body)
	if r.Status != want {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	var d renewalDoc
	if want < 300 {
		r.JSON(t, &d)
	}
	return d
}

// waitRenewal polls the quote screen until ok accepts it (404 until the
// process records its first row).
func waitRenewal(t *testing.T, w world, token, key string, timeout time.Duration, what string, ok func(renewalDoc) bool) renewalDoc {
	t.Helper()
	var last renewalDoc
	eventually(t, timeout, func() string {
		r := w.Do("GET", "/v1/renewals/"+key, token, nil)
		if r.Status != http.StatusOK { // not recorded yet: 404
			return fmt.Sprintf("renewal %s: waited %s for %s: %d %s", key, timeout, what, r.Status, r.Body)
		}
		last = renewalDoc{}
		r.JSON(t, &last)
		if ok(last) {
			return ""
		}
		return fmt.Sprintf("renewal %s: waited %s for %s, last %+v", key, timeout, what, last)
	})
	return last
}

// TestRenewalDemoRunsTheCalendarInAMinute (issue 11 item 6, with items 4,
// 5, 7 over a running process): two demo renewals due in a minute, as
// `pao demo renewal --due 1m` starts them, run their whole calendar while
// the API is used on them. 300101's Primary verifies the contacts while
// it is verifying; its renewal quote is issued with the coverage lines
// priced and the renewal rep as its rep, the reminders go out, and
// nothing being ordered it lapses at the due time. 300001's customer
// chooses to renew through the renewal rep once quoted, the reminders
// stop, the renewal rep records the order and it is renewed. The
// renewals list shows each while it awaits action and not after; the
// notices are queued for each step.
func TestRenewalDemoRunsTheCalendarInAMinute(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	ctx := context.Background()
	start := func(site string) renewals.Demo {
		t.Helper()
		d, err := renewals.StartDemo(ctx, w.Runtime.DB, w.Runtime.Temporal, renewals.DemoOptions{
			TaskQueue: w.Runtime.Cfg.TaskQueue, Site: site, Due: renewals.MinDemoDue})
		if err != nil {
			t.Fatalf("demo renewal of %s: %v", site, err)
		}
		if d.CoverageLines == 0 || len(d.Calendar) != 6 {
			t.Fatalf("demo renewal of %s: %+v", site, d)
		}
		return d
	}
	jakarta, austin := start("300101"), start("300001")
	due := jakarta.DueAt
	budi, alice := w.Token("budi@nusantara.example.com"), w.Token("alice@acme.example.com")
	siti := w.Token("siti@nusantara.example.com")

	// A second demo of the same site and day is refused without --reset.
	if _, err := renewals.StartDemo(ctx, w.Runtime.DB, w.Runtime.Temporal, renewals.DemoOptions{
		TaskQueue: w.Runtime.Cfg.TaskQueue, Site: "300101", Due: renewals.MinDemoDue}); err == nil ||
		!strings.Contains(err.Error(), "--reset") {
		t.Errorf("a second demo of 300101 today: %v, want a refusal naming --reset", err)
	}

	// Verification: the Primary is asked; another full user may not verify.
	waitRenewal(t, w, budi, jakarta.Reference, 30*time.Second, "verifying", func(d renewalDoc) bool { return d.Renewal.Status == "verifying" })
	if r := w.Do("POST", "/v1/renewals/"+jakarta.Reference+"/verify-contacts", siti, nil); r.Status != http.StatusForbidden {
		t.Errorf("verify as siti (not the Primary) = %d %s", r.Status, r.Body)
	}
	v := renewalCall(t, w, "POST", "/v1/renewals/"+jakarta.Reference+"/verify-contacts", budi, nil, http.StatusOK)
	if !v.Renewal.Verification.Verified || v.Renewal.Verification.By != "budi@nusantara.example.com" || slices.Contains(v.Actions, "verify_contacts") {
		t.Errorf("after verifying: %+v", v)
	}
	if r := w.Do("POST", "/v1/renewals/"+jakarta.Reference+"/verify-contacts", budi, nil); r.Status != http.StatusConflict {
		t.Errorf("verifying again = %d %s, want 409", r.Status, r.Body)
	}

	// The quote: both renewals are quoted with their coverage lines.
	// (The renewal records itself quoted as it starts its quote's process,
	// which records the issued version a moment later.)
	quoted := func(d renewalDoc) bool {
		return d.Renewal.Status == "quoted" && d.QuoteNumber != "" && d.Quote != nil && d.Quote.Status == "open"
	}
	j := waitRenewal(t, w, budi, jakarta.Reference, 40*time.Second, "quoted", quoted)
	a := waitRenewal(t, w, alice, austin.Reference, 40*time.Second, "quoted", quoted)
	for _, c := range []struct {
		d             renewalDoc
		customer, cur string
		lines         int
	}{{j, "1000002", "IDR", 2}, {a, "1000001", "USD", 4}} {
		if !strings.HasPrefix(c.d.QuoteNumber, "RQ-") || len(c.d.Quote.Lines) != c.lines || !slices.Contains(c.d.Actions, "order_online") ||
			c.d.Quote.Total.Currency != c.cur || c.d.Account.CustomerNumber != c.customer ||
			c.d.Account.RenewalDueDate != due.Format(time.DateOnly) || c.d.SalesRep == nil || c.d.SalesRep.Email != "renewals@ibm.example.com" {
			t.Errorf("quoted renewal of %s: %+v quote %+v rep %+v", c.customer, c.d, *c.d.Quote, c.d.SalesRep)
		}
	}
	// The quote number names it from now on; the list shows what awaits.
	renewalCall(t, w, "GET", "/v1/renewals/"+a.QuoteNumber, alice, nil, http.StatusOK)
	if r := w.Do("GET", "/v1/renewals", alice, nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), a.QuoteNumber) {
		t.Errorf("alice's awaiting renewals = %d %s", r.Status, r.Body)
	}

	// 300001 renews through the renewal rep.
	c := renewalCall(t, w, "POST", "/v1/renewals/"+a.QuoteNumber+"/channel", alice, map[string]any{"channel": "renewal_rep"}, http.StatusOK)
	if c.Renewal.Status != "awaiting_external_order" || c.Renewal.Channel != "renewal_rep" {
		t.Errorf("after choosing the renewal rep: %+v", c)
	}
	rep := w.Token("renewals@ibm.example.com", auth.RoleRenewalRep)
	ext := "/v1/staff/renewals/" + a.QuoteNumber + "/external-order"
	if r := w.Do("POST", ext, w.Token("sales@ibm.example.com", auth.RoleRenewalRep), map[string]any{"reference": "REP-2026-77"}); r.Status != http.StatusNotFound {
		t.Errorf("external order by a renewal rep of no customer = %d %s", r.Status, r.Body)
	}
	e := renewalCall(t, w, "POST", ext, rep, map[string]any{"reference": "REP-2026-77"}, http.StatusOK)
	if e.Renewal.Status != "renewed" || e.Renewal.ExternalOrder != "REP-2026-77" {
		t.Errorf("after the external order: %+v", e)
	}
	if r := w.Do("POST", ext, rep, map[string]any{"reference": "REP-2026-78"}); r.Status != http.StatusConflict || !strings.Contains(string(r.Body), "renewed") {
		t.Errorf("a second external order = %d %s, want 409 naming renewed", r.Status, r.Body)
	}
	// The order placed off-line is settled: the quote is ordered (so it can
	// be neither put in a cart nor paid again) and the coverage renewed.
	waitRenewal(t, w, alice, a.QuoteNumber, 20*time.Second, "the quote ordered", func(d renewalDoc) bool {
		return d.Quote != nil && d.Quote.Status == "ordered"
	})
	if r := w.Do("POST", "/v1/sites/300001/cart/quotes", alice, map[string]any{"quote_number": a.QuoteNumber}); r.Status != http.StatusConflict {
		t.Errorf("the externally ordered quote into the cart = %d %s, want 409", r.Status, r.Body)
	}
	var stillDue int64
	if err := w.Runtime.DB.Raw(`SELECT count(*) FROM coverages v JOIN sites s ON s.id = v.site_id WHERE s.site_number = '300001' AND v.end_date <= ?`,
		time.Now().UTC().Format(time.DateOnly)).Scan(&stillDue).Error; err != nil || stillDue != 0 {
		t.Errorf("coverage of 300001 still ending by today after the external order: %d (%v)", stillDue, err)
	}

	// 300101: reminders, then the lapse at the due time.
	l := waitRenewal(t, w, budi, j.QuoteNumber, time.Until(due)+30*time.Second, "lapsed", func(d renewalDoc) bool { return d.Renewal.Status == "lapsed" })
	if len(l.Renewal.RemindersSent) != 3 || l.Renewal.ClosedReason == "" || len(l.Actions) != 0 {
		t.Errorf("lapsed renewal: %+v", l)
	}
	if time.Now().Before(due) {
		t.Errorf("lapsed before its due time %s", due)
	}
	if r := w.Do("GET", "/v1/renewals", budi, nil); r.Status != http.StatusOK || strings.Contains(string(r.Body), j.QuoteNumber) {
		t.Errorf("a lapsed renewal still awaits action: %d %s", r.Status, r.Body)
	}
	if r := w.Do("GET", "/v1/renewals?view=by-month", budi, nil); r.Status != http.StatusOK ||
		!strings.Contains(string(r.Body), `"lapsed":1`) || !strings.Contains(string(r.Body), j.QuoteNumber) {
		t.Errorf("budi's renewal quotes by month = %d %s", r.Status, r.Body)
	}
	// The renewed one sent no reminder after its channel left online.
	if a2 := renewalCall(t, w, "GET", "/v1/renewals/"+a.QuoteNumber, alice, nil, http.StatusOK); a2.Renewal.Status != "renewed" || len(a2.Renewal.RemindersSent) != 0 {
		t.Errorf("300001's renewal: %+v", a2)
	}

	// A notice was queued for each of 300101's steps.
	var keys []string
	if err := w.Runtime.DB.Raw(`SELECT key FROM outbox WHERE key LIKE ? ORDER BY id`, jakarta.WorkflowID+"/%").Scan(&keys).Error; err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"verification", "quote", "lapse"} {
		if !slices.Contains(keys, jakarta.WorkflowID+"/"+step) {
			t.Errorf("no %s notice among %v", step, keys)
		}
	}
	if n := len(keys); n < 6 {
		t.Errorf("300101's notices: %v, want verification, quote, three reminders and the lapse", keys)
	}
}
