package models

import (
	"time"

	"github.com/google/uuid"
)

// RequestKind distinguishes the two access-request processes.
type RequestKind string

// Request kinds.
const (
	KindNomination    RequestKind = "nomination"     // SPEC C1–C6
	KindSupportAccess RequestKind = "support-access" // SPEC D2
)

// RequestStatus is the state of an access request.
type RequestStatus string

// Request statuses; pending is the only one that is not final.
const (
	StatusPending   RequestStatus = "pending"
	StatusApproved  RequestStatus = "approved"
	StatusRejected  RequestStatus = "rejected"
	StatusWithdrawn RequestStatus = "withdrawn"
	StatusExpired   RequestStatus = "expired"
)

// AccessRequest is the read model of a nomination or support-access
// workflow, written by the workflow at every transition.
type AccessRequest struct {
	ID             uuid.UUID `gorm:"primaryKey;type:uuid"`
	Kind           RequestKind
	WorkflowID     string
	RunID          string
	SiteID         *int64
	CustomerID     int64
	RequesterID    int64
	RequesterEmail string
	Name           string
	Company        string
	Phone          string
	Reason         string
	Status         RequestStatus
	Reminded       bool
	Escalated      bool
	DecidedBy      string
	DecisionReason string
	Granted        JSON
	SupportLevel   *SupportLevel
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
