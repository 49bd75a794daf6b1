package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/pao/pao/models"
)

// Outcomes of a ledger entry.
const (
	OutcomeApproved   = "approved"
	OutcomeDeclined   = "declined"
	OutcomeUnanswered = "unanswered" // only simulated outages so far
)

// LedgerEntry is one idempotency key of the sandbox's ledger and what it
// did: the authorization, capture or refund it made (for a void, the
// authorization it voided), or its decline.
type LedgerEntry struct {
	Key         string       `json:"key"`
	Kind        string       `json:"kind"` // authorize, capture, void, refund
	Outcome     string       `json:"outcome"`
	Attempts    int          `json:"attempts"` // calls that reached the processor before the answer, and the answering one
	ObjectID    string       `json:"object_id,omitempty"`
	Amount      models.Money `json:"amount"`
	DeclineCode string       `json:"decline_code,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
}

type ledgerRow struct {
	Key         string
	Kind        string
	Attempts    int
	CreatedAt   time.Time
	Answered    bool
	DeclineCode *string
	ObjectID    string
	AmountMinor int64
	Currency    string
}

// Ledger lists the operations whose idempotency key starts with keyPrefix
// (compared literally: '%' and '_' are not wildcards), oldest first. The
// object and amount come from the authorization, capture and refund rows
// themselves, so counting entries of a kind counts what was done:
//
//	entries, _ := sb.Ledger(ctx, "order/ORD-2026-000001/")
func (s *Sandbox) Ledger(ctx context.Context, keyPrefix string) ([]LedgerEntry, error) {
	var rows []ledgerRow
	err := s.DB.WithContext(ctx).Raw(`
		SELECT o.key, o.kind, o.attempts, o.created_at,
		       o.result IS NOT NULL AS answered,
		       o.decline->>'code' AS decline_code,
		       COALESCE(a.id, c.id, r.id, v.id, '') AS object_id,
		       COALESCE(a.amount_minor, c.amount_minor, r.amount_minor, 0) AS amount_minor,
		       COALESCE(a.currency, c.currency, r.currency, '') AS currency
		FROM payment_sandbox.operations o
		LEFT JOIN payment_sandbox.authorizations a ON a.operation_key = o.key
		LEFT JOIN payment_sandbox.captures c ON c.operation_key = o.key
		LEFT JOIN payment_sandbox.refunds r ON r.operation_key = o.key
		LEFT JOIN payment_sandbox.authorizations v ON o.kind = 'void' AND v.id = o.result->>'authorization_id'
		WHERE left(o.key, length(?)) = ?
		ORDER BY o.created_at, o.key`, keyPrefix, keyPrefix).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("sandbox ledger: %w", err)
	}
	out := make([]LedgerEntry, 0, len(rows))
	for _, r := range rows {
		e := LedgerEntry{
			Key: r.Key, Kind: r.Kind, Attempts: r.Attempts, CreatedAt: r.CreatedAt, ObjectID: r.ObjectID,
			Amount: models.Money{Minor: r.AmountMinor, Currency: r.Currency},
		}
		switch {
		case r.DeclineCode != nil:
			e.Outcome, e.DeclineCode = OutcomeDeclined, *r.DeclineCode
		case r.Answered:
			e.Outcome = OutcomeApproved
		default:
			e.Outcome = OutcomeUnanswered
		}
		out = append(out, e)
	}
	return out, nil
}

// Count returns how many of entries are approved operations of kind (e.g.
// the captures of one order's ledger).
func Count(entries []LedgerEntry, kind string) int {
	n := 0
	for _, e := range entries {
		if e.Kind == kind && e.Outcome == OutcomeApproved {
			n++
		}
	}
	return n
}
