package payment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Sandbox is a payment processor of its own, with its own tables in the
// payment_sandbox schema (migration 00009): tokens, a ledger of operations
// keyed by idempotency key, authorizations, captures and refunds. It
// behaves as a real processor does: it refuses cards that break the card
// rules at Tokenize, declines at Authorize, holds and takes no more than it
// may, and answers a repeated key with its first answer.
//
// Test card numbers select what happens (the package doc and the TestCard
// constants list them): declines happen at Authorize, never at Tokenize;
// the processing-error card fails Authorize with ErrUnavailable for the
// first 2 calls with a key and then approves; the capture-reply-dropped
// card's first Capture with a key commits the capture and then answers
// ErrUnavailable (the reply is lost), and the retry returns it. Any other
// valid card is approved.
//
// A decline is recorded against its key and final: the same key returns
// the same decline. A request that is refused as invalid (ErrAmount,
// ErrState, ErrNotFound) is not recorded: it had no effect. A database
// failure is ErrUnavailable, as an outage of a real processor would be.
type Sandbox struct {
	DB *gorm.DB
	// Now is the processor's clock (expiry checks, timestamps); nil is
	// time.Now.
	Now func() time.Time
}

// Test card numbers of the sandbox (see Sandbox).
const (
	TestCardVisa                = "4242424242424242"
	TestCardMastercard          = "5555555555554444"
	TestCardAmex                = "378282246310005"
	TestCardDiscover            = "6011111111111117"
	TestCardJCB                 = "3566002020360505"
	TestCardDeclined            = "4000000000000002"
	TestCardInsufficientFunds   = "4000000000009995"
	TestCardStolen              = "4000000000009979"
	TestCardIncorrectCVC        = "4000000000000127"
	TestCardExpired             = "4000000000000069"
	TestCardProcessingError     = "4000000000000119"
	TestCardCaptureReplyDropped = "4000000000000341"
)

// Behaviours a token carries, chosen by its test number.
const (
	behaviourApprove       = "approve"
	behaviourDeclinePrefix = "decline:"
	behaviourOutage        = "outage"
	behaviourDropCapture   = "capture_reply_dropped"
)

// outageAttempts is how many calls with one key the processing-error card
// fails before the key succeeds.
const outageAttempts = 2

func behaviourOf(digits string) string {
	switch digits {
	case TestCardDeclined:
		return behaviourDeclinePrefix + DeclineGeneric
	case TestCardInsufficientFunds:
		return behaviourDeclinePrefix + DeclineInsufficientFunds
	case TestCardStolen:
		return behaviourDeclinePrefix + DeclineStolenCard
	case TestCardIncorrectCVC:
		return behaviourDeclinePrefix + DeclineIncorrectCVC
	case TestCardExpired:
		return behaviourDeclinePrefix + DeclineExpiredCard
	case TestCardProcessingError:
		return behaviourOutage
	case TestCardCaptureReplyDropped:
		return behaviourDropCapture
	}
	return behaviourApprove
}

func declineFor(code string) *Declined {
	reasons := map[string]string{
		DeclineGeneric:           "the card was declined",
		DeclineInsufficientFunds: "the card has insufficient funds",
		DeclineStolenCard:        "the card was reported stolen",
		DeclineIncorrectCVC:      "the card's security code is incorrect",
		DeclineExpiredCard:       "the card has expired",
	}
	r, ok := reasons[code]
	if !ok {
		r = "the card was declined"
	}
	return &Declined{Code: code, Reason: r}
}

func (s *Sandbox) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func newID(prefix string) string {
	return prefix + "_" + strings.ReplaceAll(uuid.NewString(), "-", "")
}

// Tokenize checks the card rules (SPEC G3) and keeps a token with the
// brand, last four digits, expiry and test behaviour. A card that breaks a
// rule is a *Declined naming its first failing field (with an expired
// card's code when the expiry has passed); it never quotes the card.
func (s *Sandbox) Tokenize(ctx context.Context, card Card) (Token, error) {
	brand, digits, err := checkCard(card, s.now())
	if err != nil {
		return Token{}, err
	}
	tok := Token{
		Token:    newID("tok"),
		Brand:    brand,
		Last4:    models.Last4(digits),
		ExpMonth: card.ExpMonth,
		ExpYear:  card.ExpYear,
	}
	err = s.DB.WithContext(ctx).Exec(`INSERT INTO payment_sandbox.tokens
		(token, brand, last4, exp_month, exp_year, behaviour, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		tok.Token, string(tok.Brand), tok.Last4, tok.ExpMonth, tok.ExpYear, behaviourOf(digits), s.now()).Error
	if err != nil {
		return Token{}, fmt.Errorf("sandbox tokenize: %w: %w", ErrUnavailable, err)
	}
	return tok, nil
}

// effect is what an operation did the first time it was answered: a
// result, a decline, or nothing yet (an outage: the attempt is counted).
type effect struct {
	result     any
	decline    *Declined
	unanswered bool
}

// operation is a ledger row, as locked by once.
type operation struct {
	Kind        string
	RequestHash string
	Result      []byte
	Decline     []byte
	Attempts    int
}

// requestHash identifies an operation's kind and parameters.
func requestHash(kind string, params ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, p := range params {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// once runs do at most once with an effect per key: it claims the key in
// the ledger (INSERT … ON CONFLICT DO NOTHING, then the row locked FOR
// UPDATE, so concurrent calls with a key queue behind the first and find
// its answer), refuses the key with other parameters, returns the first
// result or decline, and otherwise runs do and records its answer in the
// same transaction. fresh is true when this call made the effect.
func (s *Sandbox) once(ctx context.Context, key, kind string, params []string, do func(tx *gorm.DB, attempts int) (effect, error)) (result []byte, fresh bool, err error) {
	if key == "" {
		return nil, false, fmt.Errorf("sandbox %s: an idempotency key is required", kind)
	}
	hash := requestHash(kind, params...)
	var declined *Declined
	var unanswered bool
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.now()
		if err := tx.Exec(`INSERT INTO payment_sandbox.operations (key, kind, request_hash, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, key, kind, hash, now).Error; err != nil {
			return err
		}
		var op operation
		if err := tx.Raw(`SELECT kind, request_hash, result, decline, attempts
			FROM payment_sandbox.operations WHERE key = ? FOR UPDATE`, key).Scan(&op).Error; err != nil {
			return err
		}
		if op.Kind != kind || op.RequestHash != hash {
			return fmt.Errorf("key %q was first used for another %s: %w", key, op.Kind, ErrKeyReused)
		}
		switch {
		case op.Decline != nil:
			declined = &Declined{}
			if err := json.Unmarshal(op.Decline, declined); err != nil {
				return fmt.Errorf("read recorded decline: %w", err)
			}
			return nil
		case op.Result != nil:
			result = op.Result
			return nil
		}
		e, err := do(tx, op.Attempts)
		if err != nil {
			return err
		}
		switch {
		case e.unanswered:
			unanswered = true
			return tx.Exec(`UPDATE payment_sandbox.operations SET attempts = attempts + 1 WHERE key = ?`, key).Error
		case e.decline != nil:
			declined = e.decline
			b, err := json.Marshal(e.decline)
			if err != nil {
				return fmt.Errorf("record decline: %w", err)
			}
			return tx.Exec(`UPDATE payment_sandbox.operations SET decline = ?::jsonb, attempts = attempts + 1, answered_at = ?
				WHERE key = ?`, string(b), now, key).Error
		default:
			b, err := json.Marshal(e.result)
			if err != nil {
				return fmt.Errorf("record result: %w", err)
			}
			result, fresh = b, true
			return tx.Exec(`UPDATE payment_sandbox.operations SET result = ?::jsonb, attempts = attempts + 1, answered_at = ?
				WHERE key = ?`, string(b), now, key).Error
		}
	})
	switch {
	case err == nil:
	case errors.Is(err, ErrKeyReused), errors.Is(err, ErrNotFound), errors.Is(err, ErrAmount), errors.Is(err, ErrState):
		return nil, false, fmt.Errorf("sandbox %s: %w", kind, err)
	default:
		return nil, false, fmt.Errorf("sandbox %s: %w: %w", kind, ErrUnavailable, err)
	}
	if unanswered {
		return nil, false, fmt.Errorf("sandbox %s: processing error (simulated): %w", kind, ErrUnavailable)
	}
	if declined != nil {
		return nil, false, declined
	}
	return result, fresh, nil
}

// checkAmount refuses an amount that is not positive or not in a currency
// the product knows.
func checkAmount(amount models.Money) error {
	if _, ok := models.MinorDigits(amount.Currency); !ok {
		return fmt.Errorf("currency %q: %w", amount.Currency, ErrAmount)
	}
	if amount.Minor <= 0 {
		return fmt.Errorf("amount %d: must be positive: %w", amount.Minor, ErrAmount)
	}
	return nil
}

func moneyParams(amount models.Money) []string {
	return []string{amount.Currency, strconv.FormatInt(amount.Minor, 10)}
}

type tokenRow struct {
	Token     string
	ExpMonth  int
	ExpYear   int
	Behaviour string
}

// Authorize holds amount on the token's card. Test numbers decline here
// (final, recorded against the key) or fail twice per key with
// ErrUnavailable before approving; a card whose expiry has passed since
// it was tokenized is declined as expired_card.
func (s *Sandbox) Authorize(ctx context.Context, key, token string, amount models.Money) (Authorization, error) {
	if err := checkAmount(amount); err != nil {
		return Authorization{}, fmt.Errorf("sandbox authorize: %w", err)
	}
	raw, _, err := s.once(ctx, key, "authorize", append([]string{token}, moneyParams(amount)...), func(tx *gorm.DB, attempts int) (effect, error) {
		var tok tokenRow
		if err := tx.Raw(`SELECT token, exp_month, exp_year, behaviour FROM payment_sandbox.tokens WHERE token = ?`, token).
			Scan(&tok).Error; err != nil {
			return effect{}, err
		}
		if tok.Token == "" {
			return effect{}, fmt.Errorf("token: %w", ErrNotFound)
		}
		switch {
		case strings.HasPrefix(tok.Behaviour, behaviourDeclinePrefix):
			return effect{decline: declineFor(strings.TrimPrefix(tok.Behaviour, behaviourDeclinePrefix))}, nil
		case tok.Behaviour == behaviourOutage && attempts < outageAttempts:
			return effect{unanswered: true}, nil
		case expired(tok.ExpMonth, tok.ExpYear, s.now()):
			return effect{decline: declineFor(DeclineExpiredCard)}, nil
		}
		a := Authorization{ID: newID("auth"), Amount: amount}
		now := s.now()
		if err := tx.Exec(`INSERT INTO payment_sandbox.authorizations
			(id, operation_key, token, amount_minor, currency, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 'authorized', ?, ?)`, a.ID, key, token, amount.Minor, amount.Currency, now, now).Error; err != nil {
			return effect{}, err
		}
		return effect{result: a}, nil
	})
	if err != nil {
		return Authorization{}, err
	}
	var a Authorization
	if err := json.Unmarshal(raw, &a); err != nil {
		return Authorization{}, fmt.Errorf("sandbox authorize: read result: %w", err)
	}
	return a, nil
}
