package checkout_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// TestStartSnapshotsTheCartAtItsPrices (G1): a checkout copies the cart:
// each catalog item at its price now with its product and licence type,
// then each line of a quote group at the quote version's locked price and
// discount, named by quote number and version; the total is the sum of
// the lines. A later price change in the catalog does not move the
// checkout, and the cart is left as it was. One audit row records it.
func TestStartSnapshotsTheCartAtItsPrices(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d0, mq := f.price("D0R4ZLL"), f.price("E0MQ2LL")
	f.add("D0R4ZLL", 2)
	f.add("E0MQ2LL", 5)
	_, number := f.openQuote(1, quoteLine{"E0MQ2LL", 100, 4000, 1250}, quoteLine{"D0R4ZLL", 1, 1_000_000, 0})
	f.addQuote(number)

	id := f.start()
	if n := f.audits("checkout.started"); n != 1 {
		t.Errorf("%d checkout.started audit rows, want 1", n)
	}
	f.db.Exec(`UPDATE prices SET unit_minor = unit_minor + 999 WHERE currency = 'USD'`)

	v, err := f.svc.Load(ctx, f.owner, id)
	if err != nil {
		t.Fatal(err)
	}
	discounted, _ := models.LineTotal(models.Money{Minor: 4000, Currency: "USD"}, 100, 1250)
	want := []struct {
		kind, part, lt, quote string
		version               int
		qty, unit, total      int64
		bp                    int
	}{
		{models.LineCatalog, "D0R4ZLL", "license_ss", "", 0, 2, d0, 2 * d0, 0},
		{models.LineCatalog, "E0MQ2LL", "ss_renewal", "", 0, 5, mq, 5 * mq, 0},
		{models.LineQuote, "E0MQ2LL", "ss_renewal", number, 1, 100, 4000, discounted.Minor, 1250},
		{models.LineQuote, "D0R4ZLL", "license_ss", number, 1, 1, 1_000_000, 1_000_000, 0},
	}
	if len(v.Lines) != len(want) {
		t.Fatalf("lines = %+v", v.Lines)
	}
	var sum int64
	for i, w := range want {
		l := v.Lines[i]
		if l.LineNo != i+1 || l.Kind != w.kind || l.PartNumber != w.part || l.LicenseType != w.lt || l.QuoteNumber != w.quote ||
			l.QuoteVersion != w.version || l.Quantity != w.qty || l.UnitPrice.Minor != w.unit || l.LineTotal.Minor != w.total ||
			l.DiscountBP != w.bp || l.ProductID == 0 || l.Description == "" || l.UnitPrice.Currency != "USD" {
			t.Errorf("line %d = %+v, want %+v", i+1, l, w)
		}
		sum += w.total
	}
	if v.Total != (models.Money{Minor: sum, Currency: "USD"}) || v.Currency != "USD" || v.Status != models.CheckoutOpen {
		t.Errorf("total %v (want %d USD), status %s", v.Total, sum, v.Status)
	}
	if v.ReadyToOrder || len(v.Missing) != 3 {
		t.Errorf("a new checkout: ready %v, missing %v", v.ReadyToOrder, v.Missing)
	}

	c, err := f.cart.Load(ctx, f.owner)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) != 2 || len(c.Quotes) != 1 {
		t.Errorf("the cart after starting a checkout: %d items, %d quotes", len(c.Items), len(c.Quotes))
	}
}
