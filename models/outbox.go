package models

import (
	"time"

	"github.com/lib/pq"
)

// OutboxEmail is one queued email (SPEC H3). Key is unique per (workflow,
// step) so a retried activity never queues a message twice.
type OutboxEmail struct {
	ID            int64 `gorm:"primaryKey"`
	Key           string
	Notice        string
	Recipients    pq.StringArray `gorm:"type:text[]"`
	Subject       string
	TextBody      string
	HTMLBody      string
	CreatedAt     time.Time
	NextAttemptAt time.Time
	Attempts      int
	LastError     string
	SentAt        *time.Time
}

// TableName pins the table name.
func (OutboxEmail) TableName() string { return "outbox" }
