package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one append-only audit row (SPEC H4): who did what, when, on
// which site and object, with the state before and after.
type AuditEntry struct {
	ID         int64     `gorm:"primaryKey"`
	At         time.Time `gorm:"default:now()"`
	Actor      string
	Action     string
	SiteID     *int64
	CustomerID *int64
	ObjectType string
	ObjectID   string
	Before     JSON
	After      JSON
	RequestID  string
}

// TableName pins the table name.
func (AuditEntry) TableName() string { return "audit_log" }

// JSON is a jsonb column value; nil is SQL NULL.
type JSON json.RawMessage

// Value implements driver.Valuer.
func (j JSON) Value() (driver.Value, error) {
	if len(j) == 0 {
		return nil, nil
	}
	return string(j), nil
}

// Scan implements sql.Scanner.
func (j *JSON) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case []byte:
		*j = append((*j)[:0], v...)
	case string:
		*j = JSON(v)
	default:
		return fmt.Errorf("models.JSON: cannot scan %T", src)
	}
	return nil
}

// MarshalJSON emits the raw document (or null).
func (j JSON) MarshalJSON() ([]byte, error) {
	if len(j) == 0 {
		return []byte("null"), nil
	}
	return j, nil
}

// ToJSON marshals v for an audit column; values here are plain structs.
func ToJSON(v any) (JSON, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("marshal audit value: %w", err)
	}
	return JSON(b), nil
}
