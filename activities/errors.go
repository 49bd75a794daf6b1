package activities

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// classify turns err from a database step op into what Temporal should do
// with it: permanent errors become non-retryable application errors with a
// stable type (a broken rule: accessrequest.ErrGrantRefused; a missing row:
// policy.ErrNotFound; SQLSTATE class 22: policy.ErrDataException; class
// 23: policy.ErrIntegrityViolation); application errors pass as they are;
// anything else (an outage, a serialization failure, a timeout) is wrapped
// and stays retryable.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return err
	}
	var rule *accounts.RuleError
	if errors.As(err, &rule) {
		return temporal.NewNonRetryableApplicationError(rule.Error(), accessrequest.ErrGrantRefused, err)
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return temporal.NewNonRetryableApplicationError(op+": not found", policy.ErrNotFound, err)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case strings.HasPrefix(pg.Code, "22"):
			return temporal.NewNonRetryableApplicationError(fmt.Sprintf("%s: data exception (SQLSTATE %s)", op, pg.Code), policy.ErrDataException, err)
		case strings.HasPrefix(pg.Code, "23"):
			return temporal.NewNonRetryableApplicationError(fmt.Sprintf("%s: integrity violation (SQLSTATE %s, %s)", op, pg.Code, pg.ConstraintName), policy.ErrIntegrityViolation, err)
		}
	}
	// GORM's translated errors, should a driver not keep the PgError.
	for _, e := range []error{gorm.ErrDuplicatedKey, gorm.ErrForeignKeyViolated, gorm.ErrCheckConstraintViolated} {
		if errors.Is(err, e) {
			return temporal.NewNonRetryableApplicationError(op+": integrity violation", policy.ErrIntegrityViolation, err)
		}
	}
	return fmt.Errorf("%s: %w", op, err)
}
