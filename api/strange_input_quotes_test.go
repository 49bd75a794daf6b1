package api_test

import (
	"net/http"
	"testing"
)

// The quote routes in the strange-input tests (issue 9 item 6): a quote of
// 300001 asked for by alice is the world's :number; the valid bodies below
// pass validation (the staff routes' caller is not the quote's rep, and a
// cancelled quote takes no change: business refusals).
func init() {
	lines := `[{"part_number":"D0R4ZLL","quantity":2},{"part_number":"E0MQ2LL","quantity":100}]`
	baseBodies["POST /v1/sites/:site/quotes"] = func() jnode {
		return jobj("lines", jraw(lines), "note", "for the Austin cluster\nsecond line")
	}
	baseBodies["POST /v1/quotes/:number/change-requests"] = func() jnode {
		return jobj("changes", jraw(`[{"part_number":"D0R4ZLL","quantity":3}]`), "note", "one more core", "version", 1)
	}
	baseBodies["POST /v1/quotes/:number/cancel"] = func() jnode { return jobj("reason", "strange input probe") }
	baseBodies["POST /v1/staff/quotes/:number/issue"] = func() jnode {
		return jobj("validity_days", 30, "note", "priced at list")
	}
	baseBodies["POST /v1/staff/quotes/:number/decline"] = func() jnode { return jobj("reason", "not sold here") }
	baseBodies["POST /v1/staff/quotes/:number/decline-change"] = func() jnode { return jobj("reason", "minimum is two") }
	queryReaders["GET /v1/sites/:site/quotes"] = []string{"status"}
	queryReaders["GET /v1/staff/quotes"] = []string{"status"}

	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		r := w.a.Do("POST", "/v1/sites/300001/quotes", tokenFor(w.a, alice), map[string]any{
			"lines": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 2}}, "note": "strange world quote",
		})
		if r.Status != http.StatusCreated {
			t.Fatalf("fixture quote = %d %s", r.Status, r.Body)
		}
		var v struct {
			QuoteNumber string `json:"quote_number"`
		}
		r.JSON(t, &v)
		w.more["number"] = v.QuoteNumber
	})
}
