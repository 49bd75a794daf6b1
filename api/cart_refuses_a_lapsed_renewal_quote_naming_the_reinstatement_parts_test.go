package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// A renewal quote that expired (the renewal lapsed) cannot go into the
// cart (SPEC F2): the 409 says the S&S lapsed and names the S&S
// reinstatement parts of the products it renewed, which the catalog
// offers instead.
func TestCartRefusesALapsedRenewalQuoteNamingTheReinstatementParts(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	fx := renewalFixture(t, a.Runtime.DB, renewalSpec{site: "300001", due: time.Now().UTC().AddDate(0, 0, -1).Truncate(24 * time.Hour),
		status: models.RenewalLapsed, quote: models.QuoteExpired})
	before := auditCount(t, a)
	r := a.Do("POST", "/v1/sites/300001/cart/quotes", tokenFor(a, alice), map[string]any{"quote_number": fx.quoteNumber})
	p := assertProblem(t, r, http.StatusConflict, "conflict")
	// 300001 renews Db2 (E0R50LL) and QRadar (E0VJ6LL): their reinstatement parts.
	for _, part := range []string{"D0R51LL", "D0VJ7LL"} {
		if !strings.Contains(p.Detail, part) {
			t.Errorf("the refusal does not name %s: %q", part, p.Detail)
		}
	}
	if !strings.Contains(p.Detail, "lapsed") {
		t.Errorf("the refusal does not say the S&S lapsed: %q", p.Detail)
	}
	if auditCount(t, a) != before {
		t.Error("a refused quote changed the cart")
	}
	var found struct {
		Items []struct {
			PartNumber string `json:"part_number"`
		} `json:"items"`
	}
	r = a.Do("GET", "/v1/sites/300001/catalog?q=D0R51LL", tokenFor(a, alice), nil)
	ok(t, r, http.StatusOK)
	r.JSON(t, &found)
	if len(found.Items) == 0 || found.Items[0].PartNumber != "D0R51LL" {
		t.Errorf("the catalog does not offer the reinstatement part: %s", r.Body)
	}
}
