package payment

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Gateway kinds (PAO_PAYMENT_GATEWAY).
const (
	KindSandbox = "sandbox"
	KindStripe  = "stripe"
)

// New builds the gateway of kind: "sandbox" on db (its payment_sandbox
// schema, migration 00009), or "stripe" with stripeKey at stripeURL.
func New(kind string, db *gorm.DB, stripeKey, stripeURL string) (Gateway, error) {
	switch kind {
	case KindSandbox:
		if db == nil {
			return nil, errors.New("payment gateway sandbox: a database is required")
		}
		return &Sandbox{DB: db}, nil
	case KindStripe:
		s, err := NewStripe(stripeKey, stripeURL)
		if err != nil {
			return nil, fmt.Errorf("payment gateway: %w", err)
		}
		return s, nil
	}
	return nil, fmt.Errorf("payment gateway %q: must be %s or %s", kind, KindSandbox, KindStripe)
}
