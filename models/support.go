package models

import "time"

// SupportCase is a support case of a customer account (SPEC D3).
type SupportCase struct {
	ID          int64 `gorm:"primaryKey"`
	CustomerID  int64
	OwnerID     int64
	Title       string
	Description string
	Severity    int16
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// SupportCaseUpdate is a post on a case.
type SupportCaseUpdate struct {
	ID        int64 `gorm:"primaryKey"`
	CaseID    int64
	AuthorID  int64
	Body      string
	CreatedAt time.Time
}

// SupportCaseParty is an interested party of a case.
type SupportCaseParty struct {
	CaseID    int64 `gorm:"primaryKey"`
	UserID    int64 `gorm:"primaryKey"`
	CreatedAt time.Time
}

// CanSeeCase applies D1: none sees nothing; basic sees own cases only; full
// and administrator see all of the account's cases.
func CanSeeCase(level SupportLevel, isOwner bool) bool {
	switch {
	case level >= SupportFull:
		return true
	case level == SupportBasic:
		return isOwner
	}
	return false
}

// SupportCaseFollower is a user who follows every case of an account (D1:
// full and administrator access "receive updates").
type SupportCaseFollower struct {
	CustomerID int64 `gorm:"primaryKey"`
	UserID     int64 `gorm:"primaryKey"`
	CreatedAt  time.Time
}
