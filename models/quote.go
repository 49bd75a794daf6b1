package models

import "time"

// QuoteKind distinguishes a sales quote (a customer asked its sales rep,
// E2) from a renewal quote (issued from the coverage due, F2).
type QuoteKind string

// Quote kinds.
const (
	QuoteSales   QuoteKind = "sales"
	QuoteRenewal QuoteKind = "renewal"
)

// Valid reports whether k is a known kind.
func (k QuoteKind) Valid() bool { return k == QuoteSales || k == QuoteRenewal }

// QuoteStatus is where a quote stands. Requested and change_requested wait
// for the rep; open waits for the customer (order, change, cancel) until it
// expires; the others are final.
type QuoteStatus string

// Quote statuses.
const (
	QuoteRequested       QuoteStatus = "requested"
	QuoteOpen            QuoteStatus = "open"
	QuoteChangeRequested QuoteStatus = "change_requested"
	QuoteOrdered         QuoteStatus = "ordered"
	QuoteExpired         QuoteStatus = "expired"
	QuoteDeclined        QuoteStatus = "declined"
	QuoteCancelled       QuoteStatus = "cancelled"
)

// QuoteStatuses lists every status.
var QuoteStatuses = []QuoteStatus{QuoteRequested, QuoteOpen, QuoteChangeRequested, QuoteOrdered, QuoteExpired, QuoteDeclined, QuoteCancelled}

// Final reports whether s ends the quote.
func (s QuoteStatus) Final() bool {
	return s == QuoteOrdered || s == QuoteExpired || s == QuoteDeclined || s == QuoteCancelled
}

// AwaitingRep reports whether the rep must act: price a request or answer
// a change request.
func (s QuoteStatus) AwaitingRep() bool { return s == QuoteRequested || s == QuoteChangeRequested }

// Quote is the read model of a quote (E2, E4), written by its workflow.
type Quote struct {
	ID             int64 `gorm:"primaryKey"`
	QuoteNumber    string
	Kind           QuoteKind
	SiteID         int64
	CustomerID     int64
	RequesterID    *int64
	RepID          int64
	Status         QuoteStatus
	Note           string
	CurrentVersion int
	ValidUntil     *time.Time
	Reminded       bool
	ClosedReason   string
	ClosedBy       string
	OrderRef       string
	WorkflowID     string
	RunID          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// QuoteRequestLine is a line the customer asked for: a product and a
// quantity, no price yet.
type QuoteRequestLine struct {
	QuoteID     int64 `gorm:"primaryKey"`
	LineNo      int   `gorm:"primaryKey"`
	ProductID   int64
	PartNumber  string
	Description string
	Quantity    int64
}

// QuoteVersion is one issued version of a quote; versions are never
// changed once written.
type QuoteVersion struct {
	QuoteID       int64 `gorm:"primaryKey"`
	Version       int   `gorm:"primaryKey"`
	Currency      string
	TotalMinor    int64
	ValidUntil    time.Time
	IssuedBy      string
	IssuedAt      time.Time
	Note          string
	ChangeRequest *int // the change request this version answers
}

// QuoteLine is a priced line of a version: its prices are locked.
type QuoteLine struct {
	QuoteID        int64 `gorm:"primaryKey"`
	Version        int   `gorm:"primaryKey"`
	LineNo         int   `gorm:"primaryKey"`
	ProductID      int64
	PartNumber     string
	Description    string
	Quantity       int64
	UnitMinor      int64
	Currency       string
	DiscountBP     int `gorm:"column:discount_bp"`
	LineTotalMinor int64
}

// ChangeRequestStatus is where a change request stands.
type ChangeRequestStatus string

// Change request statuses: pending until the rep revises or declines, or
// closed with the quote (expired, cancelled) before an answer.
const (
	ChangePending  ChangeRequestStatus = "pending"
	ChangeRevised  ChangeRequestStatus = "revised"
	ChangeDeclined ChangeRequestStatus = "declined"
	ChangeClosed   ChangeRequestStatus = "closed"
)

// QuoteChangeRequest is a change the customer asked for on an open quote
// (E4); Changes is the JSON of []LineChange.
type QuoteChangeRequest struct {
	QuoteID        int64 `gorm:"primaryKey"`
	Seq            int   `gorm:"primaryKey"`
	OnVersion      int
	RequestedByID  int64
	RequestedBy    string
	Changes        JSON
	Note           string
	Status         ChangeRequestStatus
	AnswerReason   string
	AnsweredBy     string
	RevisedVersion *int
	CreatedAt      time.Time
	AnsweredAt     *time.Time
}
