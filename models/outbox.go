package models

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// OutboxEmail is one queued email (SPEC H3). Key is unique per (workflow,
// step) so a retried activity never queues a message twice.
type OutboxEmail struct {
	ID     int64 `gorm:"primaryKey"`
	Key    string
	Notice string
	// SiteID is the site the email is about (nil for account-level mail,
	// such as a support case update).
	SiteID     *int64
	Recipients pq.StringArray `gorm:"type:text[]"`
	// RecipientReasons are the rule that chose each recipient (a JSON array
	// of Recipient, one per address of Recipients; see SetRecipients).
	// Left empty, the database's default '[]' is written.
	RecipientReasons JSON `gorm:"default:'[]'"`
	Subject          string
	TextBody         string
	HTMLBody         string
	CreatedAt        time.Time
	NextAttemptAt    time.Time
	Attempts         int
	LastError        string
	SentAt           *time.Time
}

// TableName pins the table name.
func (OutboxEmail) TableName() string { return "outbox" }

// SetRecipients sets the email's recipients and the reason of each.
func (e *OutboxEmail) SetRecipients(rs []Recipient) error {
	b, err := json.Marshal(rs)
	if err != nil {
		return fmt.Errorf("marshal recipient reasons: %w", err)
	}
	e.Recipients = make(pq.StringArray, len(rs))
	for i, r := range rs {
		e.Recipients[i] = r.Email
	}
	e.RecipientReasons = JSON(b)
	return nil
}

// Reasons are the recipients with the rule that chose each; a recipient
// the email recorded no reason for (a row queued before reasons were
// recorded) has an empty one.
func (e OutboxEmail) Reasons() ([]Recipient, error) {
	var rs []Recipient
	if len(e.RecipientReasons) > 0 {
		if err := json.Unmarshal(e.RecipientReasons, &rs); err != nil {
			return nil, fmt.Errorf("outbox %d: recipient reasons: %w", e.ID, err)
		}
	}
	why := make(map[string]string, len(rs))
	for _, r := range rs {
		why[r.Email] = r.Reason
	}
	out := make([]Recipient, 0, len(e.Recipients))
	for _, addr := range e.Recipients {
		out = append(out, Recipient{Email: addr, Reason: why[addr]})
	}
	return out, nil
}
