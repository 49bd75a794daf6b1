package models

import (
	"slices"
	"time"
)

// An entitlement is what a site owns of a product (SPEC B1 tool 3, B4):
// its licences and their S&S coverage, one coverages row (Coverage), with
// where the customer says the licences are deployed (Deployment).

// EntitlementStatus is where an entitlement's S&S coverage stands today.
type EntitlementStatus string

// The statuses, by the coverage's end date (the last day covered):
// lapsed once it is past, expiring when it falls within
// ExpiringWithinDays of today, active otherwise.
const (
	EntitlementActive   EntitlementStatus = "active"
	EntitlementExpiring EntitlementStatus = "expiring"
	EntitlementLapsed   EntitlementStatus = "lapsed"
)

// EntitlementStatuses are the statuses in display order.
var EntitlementStatuses = []EntitlementStatus{EntitlementActive, EntitlementExpiring, EntitlementLapsed}

// ExpiringWithinDays is how near its end a coverage is "expiring": it
// ends today or within the next 90 days — the renewal notice is sent about
// 90 days before the due date (SPEC F2), so an expiring entitlement is one
// whose renewal is under way.
const ExpiringWithinDays = 90

// Valid reports whether s is one of the statuses.
func (s EntitlementStatus) Valid() bool { return slices.Contains(EntitlementStatuses, s) }

// EntitlementStatusOn is the status on day today of coverage ending on
// end (both taken as UTC calendar days; end is the last day covered).
func EntitlementStatusOn(end, today time.Time) EntitlementStatus {
	end, today = Day(end), Day(today)
	switch {
	case end.Before(today):
		return EntitlementLapsed
	case !end.After(today.AddDate(0, 0, ExpiringWithinDays)):
		return EntitlementExpiring
	}
	return EntitlementActive
}

// DayRange is a range of calendar days, both ends inclusive; a nil end is
// open.
type DayRange struct {
	From, To *time.Time
}

// Contains reports whether day falls in the range.
func (r DayRange) Contains(day time.Time) bool {
	day = Day(day)
	return (r.From == nil || !day.Before(*r.From)) && (r.To == nil || !day.After(*r.To))
}

// EndRange is the range of coverage end dates that have status s on day
// today: the same rule as EntitlementStatusOn, for a query to filter on.
func (s EntitlementStatus) EndRange(today time.Time) DayRange {
	today = Day(today)
	at := func(days int) *time.Time { t := today.AddDate(0, 0, days); return &t }
	switch s {
	case EntitlementLapsed:
		return DayRange{To: at(-1)}
	case EntitlementExpiring:
		return DayRange{From: at(0), To: at(ExpiringWithinDays)}
	case EntitlementActive:
		return DayRange{From: at(ExpiringWithinDays + 1)}
	}
	return DayRange{From: at(1), To: at(0)} // matches nothing
}

// EntitlementPeriod says whether the coverage period on record is the
// current one or starts later (a renewal ordered ahead of its due date:
// the period it bought starts where the previous one ends).
type EntitlementPeriod string

// The periods.
const (
	PeriodCurrent EntitlementPeriod = "current"
	PeriodFuture  EntitlementPeriod = "future"
)

// PeriodOn is the period on day today of coverage starting on start.
func PeriodOn(start, today time.Time) EntitlementPeriod {
	if Day(start).After(Day(today)) {
		return PeriodFuture
	}
	return PeriodCurrent
}

// Usage is how many licences of an entitlement are owned and how many
// the site's deployment records put in use.
type Usage struct {
	Owned    int64 `json:"owned"`
	Deployed int64 `json:"deployed"`
}

// Available is what is left to deploy; negative when over-deployed.
func (u Usage) Available() int64 { return u.Owned - u.Deployed }

// OverDeployed reports more licences deployed than owned. Recording it is
// allowed (the record describes what is, and the fix is buying more or
// moving a deployment): it is flagged, never refused.
func (u Usage) OverDeployed() bool { return u.Deployed > u.Owned }

// OverBy is how many licences are deployed beyond those owned (0 when
// not over-deployed).
func (u Usage) OverBy() int64 { return max(0, u.Deployed-u.Owned) }

// DeploymentEnvironment is the kind of environment licences are deployed
// in.
type DeploymentEnvironment string

// The environments.
const (
	EnvProduction       DeploymentEnvironment = "production"
	EnvTest             DeploymentEnvironment = "test"
	EnvDevelopment      DeploymentEnvironment = "development"
	EnvDisasterRecovery DeploymentEnvironment = "disaster_recovery"
)

// DeploymentEnvironments are the environments in display order.
var DeploymentEnvironments = []DeploymentEnvironment{EnvProduction, EnvTest, EnvDevelopment, EnvDisasterRecovery}

// Valid reports whether e is one of the environments.
func (e DeploymentEnvironment) Valid() bool { return slices.Contains(DeploymentEnvironments, e) }

// Limits of a deployment record.
const (
	MaxDeploymentName     = 200
	MaxDeploymentNote     = 2000
	MaxDeploymentQuantity = 1_000_000
)

// Deployment is a deployments row (migration 00014): where some licences
// of one entitlement (a coverage) are in use, as the customer records it.
// Its name is unique within the entitlement, whatever its case.
type Deployment struct {
	ID          int64 `gorm:"primaryKey"`
	SiteID      int64
	CoverageID  int64
	Name        string
	Environment DeploymentEnvironment
	Quantity    int64
	Note        string
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}
