package payment_test

import (
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// New builds the sandbox on the database or Stripe with its key and URL,
// and refuses another kind or Stripe without a key.
func TestNewBuildsTheConfiguredGateway(t *testing.T) {
	db := testenv.DB(t)
	g, err := payment.New("sandbox", db, "", "")
	if sb, ok := g.(*payment.Sandbox); err != nil || !ok || sb.DB != db {
		t.Fatalf("sandbox: %T, %v", g, err)
	}
	g, err = payment.New("stripe", nil, "sk_test_x", "https://api.stripe.com")
	if _, ok := g.(*payment.Stripe); err != nil || !ok {
		t.Fatalf("stripe: %T, %v", g, err)
	}
	for _, bad := range []struct{ kind, key, url string }{
		{"stripe", "", "https://api.stripe.com"},
		{"stripe", "sk_test_x", ""},
		{"paypal", "", ""},
		{"", "", ""},
	} {
		if g, err := payment.New(bad.kind, db, bad.key, bad.url); err == nil {
			t.Errorf("New(%q, key %q, url %q) = %T, want an error", bad.kind, bad.key, bad.url, g)
		}
	}
	if _, err := payment.New("sandbox", nil, "", ""); err == nil {
		t.Error("a sandbox without a database")
	}
}
