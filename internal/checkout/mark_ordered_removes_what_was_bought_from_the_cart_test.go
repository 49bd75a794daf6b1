package checkout_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/models"
)

// TestMarkOrderedRemovesWhatWasBoughtFromTheCart: the order process marks
// the checkout ordered in its own transaction; what the checkout bought
// leaves the cart (catalog lines of its products, its quote groups) and
// what was added to the cart since stays. Marking it again as the same
// order changes nothing; as another order, or after it was abandoned, it
// is refused (ErrNotOpen), and Snapshot says as what it was ordered.
func TestMarkOrderedRemovesWhatWasBoughtFromTheCart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.add("D0R4ZLL", 1)
	_, number := f.openQuote(1, quoteLine{"E0MQ2LL", 10, 4000, 0})
	f.addQuote(number)
	id := f.start()
	f.ready(id)
	f.add("E0MQ2LL", 3) // added after the checkout started

	err := f.db.Transaction(func(tx *gorm.DB) error {
		_, missing, err := checkout.Snapshot(ctx, tx, id)
		if err != nil || len(missing) != 0 {
			t.Fatalf("snapshot: missing %v, %v", missing, err)
		}
		return checkout.MarkOrdered(ctx, tx, f.actor, id, "ORD-2026-000001")
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.cart.Load(ctx, f.owner)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) != 1 || c.Items[0].PartNumber != "E0MQ2LL" || len(c.Quotes) != 0 {
		t.Errorf("the cart after the order: %+v", c)
	}
	v, err := f.svc.Load(ctx, f.owner, id)
	if err != nil || v.Status != models.CheckoutOrdered || v.OrderRef != "ORD-2026-000001" || v.ReadyToOrder {
		t.Errorf("the ordered checkout: %+v %v", v, err)
	}
	if n := f.audits("checkout.ordered"); n != 1 {
		t.Errorf("%d checkout.ordered audit rows, want 1", n)
	}

	if err := checkout.MarkOrdered(ctx, f.db, f.actor, id, "ORD-2026-000001"); err != nil {
		t.Errorf("marking it again as the same order = %v", err)
	}
	if n := f.audits("checkout.ordered"); n != 1 {
		t.Errorf("marking it again wrote an audit row (%d)", n)
	}
	if err := checkout.MarkOrdered(ctx, f.db, f.actor, id, "ORD-2026-000002"); !errors.Is(err, checkout.ErrNotOpen) {
		t.Errorf("marking it as another order = %v, want ErrNotOpen", err)
	}
	var noe *checkout.NotOpenError
	if _, _, err := checkout.Snapshot(ctx, f.db, id); !errors.As(err, &noe) || noe.OrderRef != "ORD-2026-000001" {
		t.Errorf("Snapshot of an ordered checkout = %v", err)
	}
	if err := f.svc.AcceptTerms(ctx, f.actor, f.owner, id, "2026-01", models.TermsAgreement, ""); !errors.Is(err, checkout.ErrNotOpen) {
		t.Errorf("a change after the order = %v, want ErrNotOpen", err)
	}

	f.add("D0R4ZLL", 1)
	abandoned := f.start()
	f.start()
	if err := checkout.MarkOrdered(ctx, f.db, f.actor, abandoned, "ORD-2026-000003"); !errors.Is(err, checkout.ErrNotOpen) {
		t.Errorf("ordering an abandoned checkout = %v, want ErrNotOpen", err)
	}
}
