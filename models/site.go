package models

import "time"

// SiteKind distinguishes origin, additional and Express sites (SPEC A1).
type SiteKind string

// Site kinds.
const (
	SiteOrigin     SiteKind = "origin"
	SiteAdditional SiteKind = "additional"
	SiteExpress    SiteKind = "express"
)

// Customer holds a Passport Advantage agreement (SPEC A1). Its IBM sales
// rep answers its quote requests and its renewal rep its renewal quotes
// (issue 9, F4): staff users with the sales-rep / renewal-rep role. A
// customer that buys through a Business Partner names it (both or neither).
type Customer struct {
	ID                   int64 `gorm:"primaryKey"`
	CustomerNumber       string
	Name                 string
	SalesRepID           *int64
	RenewalRepID         *int64
	BusinessPartnerName  *string
	BusinessPartnerEmail *string
	CreatedAt            time.Time

	SalesRep   *User `gorm:"foreignKey:SalesRepID"`
	RenewalRep *User `gorm:"foreignKey:RenewalRepID"`
}

// Agreement is a customer's Passport Advantage agreement.
type Agreement struct {
	ID              int64 `gorm:"primaryKey"`
	AgreementNumber string
	CustomerID      int64
	Anniversary     time.Time `gorm:"type:date"`
	VolumeLevel     string
	CreatedAt       time.Time
}

// Site is an origin, additional or Express site.
type Site struct {
	ID          int64 `gorm:"primaryKey"`
	SiteNumber  string
	CustomerID  int64
	AgreementID *int64
	Kind        SiteKind
	Name        string
	Country     string
	Currency    string
	CreatedAt   time.Time

	Customer  *Customer  `gorm:"foreignKey:CustomerID"`
	Agreement *Agreement `gorm:"foreignKey:AgreementID"`
}

// User is a person, identified by email, created on first authenticated call.
type User struct {
	ID        int64 `gorm:"primaryKey"`
	Email     string
	Name      string
	Company   string
	Phone     string
	CreatedAt time.Time
}
