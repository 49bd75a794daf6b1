package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

// TestCheckoutTermsAreAcceptedInWordsAndRecorded (G1): any signed-in user
// reads the current terms; a checkout takes them only as the exact words
// "I agree" (anything else is a 400 naming agreement) for the current
// version (another is a 409 naming version). The acceptance is recorded
// with who, when, which version and the client's address, on the
// checkout and in one audit row; accepting again changes nothing. Without
// it the checkout is not ready to order.
func TestCheckoutTermsAreAcceptedInWordsAndRecorded(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	var cur struct {
		Version     string    `json:"version"`
		Text        string    `json:"text"`
		PublishedAt time.Time `json:"published_at"`
	}
	r := a.Do("GET", "/v1/terms/current", tokenFor(a, frank), nil)
	ok(t, r, http.StatusOK)
	r.JSON(t, &cur)
	if cur.Version != "2026-01" || len(cur.Text) < 200 || cur.PublishedAt.IsZero() {
		t.Fatalf("current terms: %s", r.Body)
	}

	co := newCheckout(t, a, alice, "300001", "D0R4ZLL", 1)
	path := checkoutPath(co.ID, "/terms")
	for _, words := range []any{"i agree", "I agree.", " I agree", "yes", "", nil, 1} {
		p := refused(t, a, "POST", path, alice, map[string]any{"version": cur.Version, "agreement": words},
			http.StatusBadRequest, "validation", "", "agreement")
		if len(p.Errors) != 1 {
			t.Errorf("agreement %v: %+v", words, p.Errors)
		}
	}
	refused(t, a, "POST", path, alice, map[string]any{"agreement": "I agree"}, http.StatusBadRequest, "validation", "", "version")
	p := refused(t, a, "POST", path, alice, map[string]any{"version": "2025-01", "agreement": "I agree"},
		http.StatusConflict, "conflict", "G1", "version")
	if p.Detail == "" {
		t.Error("a stale version without a detail")
	}
	v, _ := checkoutDo(t, a, alice, "GET", checkoutPath(co.ID, ""), nil, http.StatusOK)
	if v.Terms != nil || !slices.Contains(v.Missing, "terms") {
		t.Fatalf("before acceptance: %+v %v", v.Terms, v.Missing)
	}

	before := time.Now().Add(-time.Second)
	r, e := changes(t, a, "POST", path, alice, map[string]any{"version": cur.Version, "agreement": "I agree"}, http.StatusOK)
	r.JSON(t, &v)
	if v.Terms == nil || v.Terms.Version != "2026-01" || v.Terms.AcceptedBy != alice || v.Terms.AcceptedAt.Before(before) ||
		slices.Contains(v.Missing, "terms") {
		t.Errorf("after acceptance: %s", r.Body)
	}
	var row struct {
		TermsVersion    string
		TermsAcceptedBy string
		IP              string
	}
	a.Runtime.DB.Raw(`SELECT terms_version, terms_accepted_by, host(terms_client_ip) AS ip FROM checkouts WHERE id = ?`, co.ID).Scan(&row)
	if row.TermsVersion != "2026-01" || row.TermsAcceptedBy != alice || row.IP != "127.0.0.1" {
		t.Errorf("checkout row: %+v", row)
	}
	if e.Action != "checkout.terms_accepted" || e.ObjectType != "checkout" {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "audit version", mustField(t, e.After, "version"), "2026-01")
	jsonEq(t, "audit client ip", mustField(t, e.After, "client_ip"), "127.0.0.1")

	succeedsUnchanged(t, a, "POST", path, alice, map[string]any{"version": cur.Version, "agreement": "I agree"}, http.StatusOK)
}
