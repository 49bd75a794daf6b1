package checkout_test

import (
	"context"
	"slices"
	"testing"

	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// TestPaymentMethodsFollowTheBillingCountry (G2, G3a): the methods offered
// come from payment_methods_by_country: card and purchase order with the
// card the default (US, GB, DE, FR, NL, ID, JP), card only (BR), purchase
// order only and then the default (CN); a country that is not listed gets
// the card only. Every listed country has exactly one default, and it is
// the card wherever the card is offered.
func TestPaymentMethodsFollowTheBillingCountry(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	ctx := context.Background()
	both := []models.PaymentMethod{models.PayCard, models.PayPurchaseOrder}
	for _, tc := range []struct {
		country string
		offered []models.PaymentMethod
		def     models.PaymentMethod
	}{
		{"US", both, models.PayCard}, {"GB", both, models.PayCard}, {"DE", both, models.PayCard},
		{"FR", both, models.PayCard}, {"NL", both, models.PayCard}, {"ID", both, models.PayCard}, {"JP", both, models.PayCard},
		{"BR", []models.PaymentMethod{models.PayCard}, models.PayCard},
		{"CN", []models.PaymentMethod{models.PayPurchaseOrder}, models.PayPurchaseOrder},
		{"KE", []models.PaymentMethod{models.PayCard}, models.PayCard}, // not listed
	} {
		m, err := checkout.MethodsFor(ctx, db, tc.country)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(m.Offered, tc.offered) || m.Default != tc.def || m.Country != tc.country {
			t.Errorf("MethodsFor(%s) = %+v, want %v with default %s", tc.country, m, tc.offered, tc.def)
		}
	}

	var rows []struct {
		Country  string
		Defaults int
		Card     bool
		CardDef  bool
	}
	if err := db.Raw(`SELECT country, count(*) FILTER (WHERE is_default) AS defaults,
		bool_or(method = 'card') AS card, bool_or(method = 'card' AND is_default) AS card_def
		FROM payment_methods_by_country GROUP BY country ORDER BY country`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 {
		t.Fatalf("only %d countries listed", len(rows))
	}
	for _, r := range rows {
		if !models.ValidCountry(r.Country) || r.Defaults != 1 || r.Card != r.CardDef {
			t.Errorf("country %s: %d defaults, card offered %v, card the default %v", r.Country, r.Defaults, r.Card, r.CardDef)
		}
	}
}
