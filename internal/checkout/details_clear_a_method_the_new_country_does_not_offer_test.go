package checkout_test

import (
	"errors"
	"testing"

	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/models"
)

// TestDetailsClearAMethodTheNewCountryDoesNotOffer (G1, G3a): a purchase
// order chosen for a US billing party is cleared when the billing country
// becomes Brazil (card only), and the payment step is missing again; a
// card survives a move to another card country. Setting the same details
// again writes no audit row. Bad details are refused naming every field,
// and a method the billing country does not offer is refused.
func TestDetailsClearAMethodTheNewCountryDoesNotOffer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.add("D0R4ZLL", 1)
	id := f.start()
	po := models.PaymentChoice{Method: models.PayPurchaseOrder, PONumber: "PO-4711", POReference: "Austin lab"}
	var ce *checkout.ConflictError
	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, po); !errors.As(err, &ce) || ce.Field != "billing" {
		t.Fatalf("a method before the details = %v, want a conflict naming billing", err)
	}
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, us(), nil); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, po); err != nil {
		t.Fatal(err)
	}
	before := f.audits("checkout.details_set")
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, us(), nil); err != nil || f.audits("checkout.details_set") != before {
		t.Errorf("the same details again: %v, %d audit rows more", err, f.audits("checkout.details_set")-before)
	}

	br := us()
	br.Country, br.PostalCode, br.City, br.Region = "BR", "01310-100", "São Paulo", "SP"
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, br, nil); err != nil {
		t.Fatal(err)
	}
	v, err := f.svc.Load(ctx, f.owner, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Payment != nil || v.PaymentMethods == nil || len(v.PaymentMethods.Offered) != 1 || v.Missing[len(v.Missing)-1] != models.StepPayment {
		t.Errorf("after moving billing to BR: payment %+v, methods %+v, missing %v", v.Payment, v.PaymentMethods, v.Missing)
	}
	var cleared string
	f.db.Raw(`SELECT after->>'payment_cleared' FROM audit_log WHERE action = 'checkout.details_set' ORDER BY id DESC LIMIT 1`).Scan(&cleared)
	if cleared != "purchase_order" {
		t.Errorf("the audit row says payment_cleared = %q", cleared)
	}
	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, po); !errors.As(err, &ce) || ce.Field != "method" {
		t.Errorf("a purchase order in BR = %v, want a conflict naming method", err)
	}

	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, visa(f.now)); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, us(), nil); err != nil {
		t.Fatal(err)
	}
	if v, _ = f.svc.Load(ctx, f.owner, id); v.Payment == nil || v.Payment.Card == nil || v.Payment.Card.Last4 != "4242" {
		t.Errorf("the card after moving back to the US: %+v", v.Payment)
	}

	bad := us()
	bad.Country, bad.Email, bad.Name = "XX", "not-an-email", "two\nlines"
	var fe checkout.FieldErrors
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, bad, &models.Address{}); !errors.As(err, &fe) || len(fe) < 10 {
		t.Errorf("bad details = %v, want every field named", err)
	}
}
