package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// givenUpAfter is how the outbox tells a message the sender gave up on
// (markFailed): unsent, with its next attempt pushed to 9999-12-31.
const givenUpAfter = "9999-01-01"

// Undelivered lists the unsent messages whose last attempt failed, given
// up ones first, then oldest first: what an operator looks at when mail
// does not arrive.
func Undelivered(ctx context.Context, db *gorm.DB, limit int) ([]models.OutboxEmail, error) {
	var rows []models.OutboxEmail
	err := db.WithContext(ctx).Select("id", "key", "notice", "created_at", "next_attempt_at", "attempts", "last_error").
		Where("sent_at IS NULL AND last_error <> ''").
		Order(fmt.Sprintf("next_attempt_at >= '%s' DESC, id", givenUpAfter)).Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list undelivered outbox rows: %w", err)
	}
	return rows, nil
}

// ErrAlreadySent refuses to resend a delivered message: sending it again
// would be a second email, not a retry.
var ErrAlreadySent = errors.New("already sent")

// Resend makes unsent messages due now with a fresh attempt count, so the
// sender tries them again with its usual backoff: the messages with the
// given keys, or (no keys) every message the sender gave up on. It never
// touches a sent message and returns how many it made due. The rows keep
// their keys, so a message still cannot be queued twice.
func Resend(ctx context.Context, db *gorm.DB, now time.Time, keys ...string) (int64, error) {
	q := db.WithContext(ctx).Model(&models.OutboxEmail{}).Where("sent_at IS NULL")
	if len(keys) > 0 {
		var sent []string
		if err := db.WithContext(ctx).Model(&models.OutboxEmail{}).Where("key IN ? AND sent_at IS NOT NULL", keys).
			Pluck("key", &sent).Error; err != nil {
			return 0, fmt.Errorf("resend: %w", err)
		}
		if len(sent) > 0 {
			return 0, fmt.Errorf("resend %v: %w", sent, ErrAlreadySent)
		}
		q = q.Where("key IN ?", keys)
	} else {
		q = q.Where("next_attempt_at >= ?", givenUpAfter)
	}
	res := q.Updates(map[string]any{"attempts": 0, "next_attempt_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("resend: %w", res.Error)
	}
	return res.RowsAffected, nil
}
