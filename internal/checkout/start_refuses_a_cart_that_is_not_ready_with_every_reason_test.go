package checkout_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pao/pao/internal/checkout"
)

// TestStartRefusesACartThatIsNotReadyWithEveryReason (G1, E4): an empty
// cart, and a cart with a product without a price, a quote awaiting its
// revision and an expired quote, cannot go to checkout: the refusal lists
// every reason of the cart's readiness, and nothing is written.
func TestStartRefusesACartThatIsNotReadyWithEveryReason(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	refused := func(want ...string) {
		t.Helper()
		_, err := f.svc.Start(ctx, f.actor, f.owner)
		var nr *checkout.NotReadyError
		if !errors.As(err, &nr) {
			t.Fatalf("Start = %v, want a *NotReadyError", err)
		}
		var got []string
		for _, r := range nr.Reasons {
			got = append(got, r.Code+" "+r.QuoteNumber+r.PartNumber)
		}
		if !slices.Equal(got, want) {
			t.Errorf("reasons = %q, want %q", got, want)
		}
		var n int64
		f.db.Raw(`SELECT count(*) FROM checkouts`).Scan(&n)
		if n != 0 || f.audits("checkout.started") != 0 {
			t.Errorf("a refused start wrote %d checkouts", n)
		}
	}
	refused("empty ")

	f.add("D0R4ZLL", 1)
	f.db.Exec(`DELETE FROM prices WHERE currency = 'USD' AND price_level = 'E'
		AND product_id = (SELECT id FROM products WHERE part_number = 'D0R4ZLL')`)
	qa, awaiting := f.openQuote(1, quoteLine{"E0MQ2LL", 10, 4000, 0})
	_, expired := f.openQuote(2, quoteLine{"E0MQ2LL", 20, 4000, 0})
	f.addQuote(awaiting)
	f.addQuote(expired)
	f.db.Exec(`UPDATE quotes SET status = 'change_requested' WHERE id = ?`, qa)
	f.db.Exec(`UPDATE quotes SET valid_until = now() - interval '1 hour' WHERE quote_number = ?`, expired)
	refused("price_on_request D0R4ZLL", "quote_awaiting_revision "+awaiting, "quote_expired "+expired)
}
