// Package entitlements is the room of the Entitlements tool (SPEC B1 tool
// 3, B4): a site's inventory of what it owns — each product's licences
// and S&S coverage (one coverages row), the coverage period and status,
// the order and Proof of Entitlement it came from, and how many licences
// the site's deployment records put in use — and the deployment records
// themselves, which users with Entitlements = update keep. Reading is a
// keyset-paged query (Inventory, Each for a whole export); a deployment
// change is a plain edit in one transaction with its audit row (H4).
// Over-deployment is recorded and flagged, never refused.
package entitlements

import (
	"errors"
	"fmt"
	"time"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"

	"gorm.io/gorm"
)

// ErrNotFound: the site has no entitlement of that part number, or no
// deployment with that id.
var ErrNotFound = errors.New("entitlements: not found")

// FieldError is bad input, naming the field.
type FieldError struct {
	Field  string
	Detail string
}

func (e *FieldError) Error() string { return "entitlements: " + e.Field + ": " + e.Detail }

func bad(field, format string, args ...any) error {
	return &FieldError{Field: field, Detail: fmt.Sprintf(format, args...)}
}

// Service reads the inventory and edits deployment records.
type Service struct {
	DB *gorm.DB
	// Now is the clock; nil means time.Now. Statuses are computed on its
	// UTC calendar day.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Today is the service's current UTC calendar day.
func (s *Service) Today() time.Time { return models.Day(s.now()) }

// Editor is who changes a deployment record: the user (recorded as its
// creator) and how the audit log names them.
type Editor struct {
	UserID    int64
	Email     string
	RequestID string
}

func (e Editor) actor() accounts.Actor { return accounts.Actor{Email: e.Email, RequestID: e.RequestID} }

// Entitlement is one product a site owns: its licences, their S&S
// coverage and where they are deployed. Dates are calendar days
// (YYYY-MM-DD), both ends of the period included.
type Entitlement struct {
	PartNumber  string             `json:"part_number"`
	Product     string             `json:"product"`
	Description string             `json:"description"`
	Category    string             `json:"category"`
	LicenseType models.LicenseType `json:"license_type"`
	// Quantity is the licences owned; Deployed those the deployment
	// records put in use; Available what is left (negative when
	// over-deployed).
	Quantity     int64                    `json:"quantity"`
	Deployed     int64                    `json:"deployed"`
	Available    int64                    `json:"available"`
	OverDeployed bool                     `json:"over_deployed"`
	Deployments  int64                    `json:"deployment_count"`
	Start        string                   `json:"coverage_start"`
	End          string                   `json:"coverage_end"`
	Status       models.EntitlementStatus `json:"status"`
	Period       models.EntitlementPeriod `json:"period"`
	// OrderReference and PoENumber name the order that last created or
	// extended the coverage and its Proof of Entitlement; null for
	// coverage that no order of this system gave (seeded).
	OrderReference *string `json:"order_reference"`
	PoENumber      *string `json:"poe_number"`

	CoverageID int64  `json:"-"`
	DocumentID *int64 `json:"-"`
}

// Usage is the entitlement's owned and deployed quantities.
func (e Entitlement) Usage() models.Usage {
	return models.Usage{Owned: e.Quantity, Deployed: e.Deployed}
}

// Deployment is a deployment record as shown.
type Deployment struct {
	ID          int64                        `json:"id"`
	PartNumber  string                       `json:"part_number"`
	Name        string                       `json:"name"`
	Environment models.DeploymentEnvironment `json:"environment"`
	Quantity    int64                        `json:"quantity"`
	Note        string                       `json:"note"`
	CreatedBy   string                       `json:"created_by"`
	CreatedAt   time.Time                    `json:"created_at"`
	UpdatedAt   time.Time                    `json:"updated_at"`

	SiteID     int64 `json:"-"`
	CoverageID int64 `json:"-"`
}

// UsageView is an entitlement's usage as a change answers it.
type UsageView struct {
	Owned        int64 `json:"owned"`
	Deployed     int64 `json:"deployed"`
	Available    int64 `json:"available"`
	OverDeployed bool  `json:"over_deployed"`
}

// ViewOf shows u.
func ViewOf(u models.Usage) UsageView {
	return UsageView{Owned: u.Owned, Deployed: u.Deployed, Available: u.Available(), OverDeployed: u.OverDeployed()}
}
