package payment

import (
	"strings"
	"time"

	"github.com/pao/pao/models"
)

// checkCard applies the card rules (SPEC G3) at Tokenize, as a processor
// does: it returns the brand and the number's digits, or a *Declined
// with the code of the first failing field (expired_card when the expiry
// has passed) and a reason that never quotes the card.
func checkCard(card Card, now time.Time) (models.Brand, string, error) {
	brand, errs := models.CheckCard(card.Number, card.ExpMonth, card.ExpYear, card.CVC, now)
	if len(errs) == 0 {
		return brand, strings.ReplaceAll(card.Number, " ", ""), nil
	}
	e := errs[0]
	code := DeclineInvalidCVC
	switch e.Field {
	case models.FieldCardNumber:
		code = DeclineIncorrectNumber
	case models.FieldCardExpMonth:
		code = DeclineInvalidExpiryMonth
	case models.FieldCardExpYear:
		code = DeclineInvalidExpiryYear
	}
	if e.Field != models.FieldCardNumber && card.ExpMonth >= 1 && card.ExpMonth <= 12 &&
		card.ExpYear >= 1000 && expired(card.ExpMonth, card.ExpYear, now.UTC()) {
		code = DeclineExpiredCard
	}
	return "", "", &Declined{Code: code, Reason: e.Error()}
}

// expired reports whether a card expiring at the end of month/year (UTC)
// has expired at now.
func expired(month, year int, now time.Time) bool {
	end := time.Date(year, time.Month(month)+1, 1, 0, 0, 0, 0, time.UTC)
	return !now.Before(end)
}
