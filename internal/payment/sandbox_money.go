package payment

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

type authorizationRow struct {
	ID          string
	AmountMinor int64
	Currency    string
	Status      string
	Behaviour   string
}

// voidResult is what the ledger keeps of a void.
type voidResult struct {
	AuthorizationID string `json:"authorization_id"`
}

// Capture takes amount, at most the authorized amount and in its currency,
// from an authorization that is neither voided nor captured (one capture
// per authorization; a partial capture releases the rest). For the
// capture-reply-dropped test card the first call with a key commits the
// capture and then answers ErrUnavailable; the retry returns the capture.
func (s *Sandbox) Capture(ctx context.Context, key, authorizationID string, amount models.Money) (Capture, error) {
	if err := checkAmount(amount); err != nil {
		return Capture{}, fmt.Errorf("sandbox capture: %w", err)
	}
	dropReply := false
	raw, fresh, err := s.once(ctx, key, "capture", append([]string{authorizationID}, moneyParams(amount)...), func(tx *gorm.DB, _ int) (effect, error) {
		var a authorizationRow
		if err := tx.Raw(`SELECT a.id, a.amount_minor, a.currency, a.status, t.behaviour
			FROM payment_sandbox.authorizations a JOIN payment_sandbox.tokens t ON t.token = a.token
			WHERE a.id = ? FOR UPDATE OF a`, authorizationID).Scan(&a).Error; err != nil {
			return effect{}, err
		}
		switch {
		case a.ID == "":
			return effect{}, fmt.Errorf("authorization: %w", ErrNotFound)
		case a.Status != "authorized":
			return effect{}, fmt.Errorf("authorization is %s: %w", a.Status, ErrState)
		case amount.Currency != a.Currency:
			return effect{}, fmt.Errorf("capture in %s of an authorization in %s: %w", amount.Currency, a.Currency, ErrAmount)
		case amount.Minor > a.AmountMinor:
			return effect{}, fmt.Errorf("capture of %d above the authorized %d: %w", amount.Minor, a.AmountMinor, ErrAmount)
		}
		c := Capture{ID: newID("cap"), AuthorizationID: a.ID, Amount: amount}
		now := s.now()
		if err := tx.Exec(`INSERT INTO payment_sandbox.captures
			(id, operation_key, authorization_id, amount_minor, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.ID, key, a.ID, amount.Minor, amount.Currency, now).Error; err != nil {
			return effect{}, err
		}
		if err := tx.Exec(`UPDATE payment_sandbox.authorizations SET status = 'captured', updated_at = ? WHERE id = ?`,
			now, a.ID).Error; err != nil {
			return effect{}, err
		}
		dropReply = a.Behaviour == behaviourDropCapture
		return effect{result: c}, nil
	})
	if err != nil {
		return Capture{}, err
	}
	if fresh && dropReply {
		return Capture{}, fmt.Errorf("sandbox capture: the reply was lost after the capture was made (simulated): %w", ErrUnavailable)
	}
	var c Capture
	if err := json.Unmarshal(raw, &c); err != nil {
		return Capture{}, fmt.Errorf("sandbox capture: read result: %w", err)
	}
	return c, nil
}

// Void releases an authorization that was not captured. Voiding a voided
// or captured authorization with a new key is ErrState.
func (s *Sandbox) Void(ctx context.Context, key, authorizationID string) error {
	_, _, err := s.once(ctx, key, "void", []string{authorizationID}, func(tx *gorm.DB, _ int) (effect, error) {
		var a authorizationRow
		if err := tx.Raw(`SELECT id, status FROM payment_sandbox.authorizations WHERE id = ? FOR UPDATE`, authorizationID).
			Scan(&a).Error; err != nil {
			return effect{}, err
		}
		switch {
		case a.ID == "":
			return effect{}, fmt.Errorf("authorization: %w", ErrNotFound)
		case a.Status != "authorized":
			return effect{}, fmt.Errorf("authorization is %s: %w", a.Status, ErrState)
		}
		if err := tx.Exec(`UPDATE payment_sandbox.authorizations SET status = 'voided', updated_at = ? WHERE id = ?`,
			s.now(), a.ID).Error; err != nil {
			return effect{}, err
		}
		return effect{result: voidResult{AuthorizationID: a.ID}}, nil
	})
	return err
}

type captureRow struct {
	ID          string
	AmountMinor int64
	Currency    string
	Refunded    int64
}

// Refund gives amount back from a capture, in its currency; refunds of a
// capture together never exceed it.
func (s *Sandbox) Refund(ctx context.Context, key, captureID string, amount models.Money) (Refund, error) {
	if err := checkAmount(amount); err != nil {
		return Refund{}, fmt.Errorf("sandbox refund: %w", err)
	}
	raw, _, err := s.once(ctx, key, "refund", append([]string{captureID}, moneyParams(amount)...), func(tx *gorm.DB, _ int) (effect, error) {
		var c captureRow
		if err := tx.Raw(`SELECT id, amount_minor, currency FROM payment_sandbox.captures WHERE id = ? FOR UPDATE`, captureID).
			Scan(&c).Error; err != nil {
			return effect{}, err
		}
		if c.ID == "" {
			return effect{}, fmt.Errorf("capture: %w", ErrNotFound)
		}
		if err := tx.Raw(`SELECT COALESCE(sum(amount_minor), 0) FROM payment_sandbox.refunds WHERE capture_id = ?`, c.ID).
			Scan(&c.Refunded).Error; err != nil {
			return effect{}, err
		}
		switch {
		case amount.Currency != c.Currency:
			return effect{}, fmt.Errorf("refund in %s of a capture in %s: %w", amount.Currency, c.Currency, ErrAmount)
		case amount.Minor > c.AmountMinor-c.Refunded:
			return effect{}, fmt.Errorf("refund of %d above the %d left of the capture: %w", amount.Minor, c.AmountMinor-c.Refunded, ErrAmount)
		}
		r := Refund{ID: newID("ref"), CaptureID: c.ID, Amount: amount}
		if err := tx.Exec(`INSERT INTO payment_sandbox.refunds
			(id, operation_key, capture_id, amount_minor, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, key, c.ID, amount.Minor, amount.Currency, s.now()).Error; err != nil {
			return effect{}, err
		}
		return effect{result: r}, nil
	})
	if err != nil {
		return Refund{}, err
	}
	var r Refund
	if err := json.Unmarshal(raw, &r); err != nil {
		return Refund{}, fmt.Errorf("sandbox refund: read result: %w", err)
	}
	return r, nil
}
