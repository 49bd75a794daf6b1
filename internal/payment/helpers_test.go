package payment_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// sandboxNow is the sandbox's clock in tests: 15 June 2026, noon UTC.
var sandboxNow = time.Date(2026, time.June, 15, 12, 0, 0, 0, time.UTC)

// newSandbox is a sandbox on a fresh migrated database with a fixed clock.
func newSandbox(t *testing.T) (*payment.Sandbox, *gorm.DB) {
	t.Helper()
	db := testenv.DB(t)
	return &payment.Sandbox{DB: db, Now: func() time.Time { return sandboxNow }}, db
}

func usd(minor int64) models.Money { return models.Money{Minor: minor, Currency: "USD"} }

// card is a test card valid at sandboxNow with a code of the right length.
func card(number string) payment.Card {
	cvc := "123"
	if number[:2] == "34" || number[:2] == "37" {
		cvc = "1234"
	}
	return payment.Card{Number: number, ExpMonth: 12, ExpYear: 2030, CVC: cvc}
}

// tokenize tokenizes number or fails the test.
func tokenize(t *testing.T, g payment.Gateway, number string) payment.Token {
	t.Helper()
	tok, err := g.Tokenize(context.Background(), card(number))
	if err != nil {
		t.Fatalf("tokenize %s: %v", number[len(number)-4:], err)
	}
	return tok
}

// count counts rows of a sandbox table.
func count(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Raw("SELECT count(*) FROM payment_sandbox." + table).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// declineCode returns the code of a *payment.Declined, or "" if err is not one.
func declineCode(err error) string {
	var d *payment.Declined
	if errors.As(err, &d) {
		return d.Code
	}
	return ""
}
