package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Enrollment creates sites (A1): an origin site with a new customer and
// agreement, an additional site on an existing agreement, or a standalone
// Express site with a new customer.
type Enrollment struct {
	Kind            models.SiteKind
	CustomerNumber  string
	CustomerName    string
	AgreementNumber string
	Anniversary     time.Time
	VolumeLevel     string
	SiteNumber      string
	SiteName        string
	Country         string
	Currency        string
	PrimaryEmail    string
}

// Enroll creates what e describes, with the Primary Contact, in one
// transaction with its audit row.
func (s *Service) Enroll(ctx context.Context, a Actor, e Enrollment) (models.Site, error) {
	var site models.Site
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cust models.Customer
		var agreementID *int64
		switch e.Kind {
		case models.SiteOrigin, models.SiteExpress:
			cust = models.Customer{CustomerNumber: e.CustomerNumber, Name: e.CustomerName}
			if err := tx.Create(&cust).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
				return refuse(Conflict, "A1", "customer %s already exists", e.CustomerNumber)
			} else if err != nil {
				return fmt.Errorf("create customer: %w", err)
			}
			if e.Kind == models.SiteOrigin {
				ag := models.Agreement{AgreementNumber: e.AgreementNumber, CustomerID: cust.ID, Anniversary: e.Anniversary, VolumeLevel: e.VolumeLevel}
				if err := tx.Create(&ag).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
					return refuse(Conflict, "A1", "agreement %s already exists", e.AgreementNumber)
				} else if err != nil {
					return fmt.Errorf("create agreement: %w", err)
				}
				agreementID = &ag.ID
			}
		case models.SiteAdditional:
			var ag models.Agreement
			if err := tx.Where("agreement_number = ?", e.AgreementNumber).Take(&ag).Error; errors.Is(err, gorm.ErrRecordNotFound) {
				return refuse(Unprocessable, "A1", "agreement %s does not exist", e.AgreementNumber)
			} else if err != nil {
				return fmt.Errorf("load agreement: %w", err)
			}
			if err := tx.Take(&cust, ag.CustomerID).Error; err != nil {
				return fmt.Errorf("load customer: %w", err)
			}
			if e.CustomerNumber != "" && e.CustomerNumber != cust.CustomerNumber {
				return refuse(Unprocessable, "A1", "agreement %s belongs to another customer than %s", e.AgreementNumber, e.CustomerNumber)
			}
			agreementID = &ag.ID
		default:
			return refuse(Unprocessable, "A1", "unknown site kind %q", e.Kind)
		}
		site = models.Site{SiteNumber: e.SiteNumber, CustomerID: cust.ID, AgreementID: agreementID, Kind: e.Kind,
			Name: e.SiteName, Country: e.Country, Currency: e.Currency}
		if err := tx.Create(&site).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return refuse(Conflict, "A1", "site %s already exists", e.SiteNumber)
		} else if err != nil {
			return fmt.Errorf("create site: %w", err)
		}
		u, err := EnsureUser(tx, e.PrimaryEmail)
		if err != nil {
			return err
		}
		if err := tx.Create(&models.SiteContact{SiteID: site.ID, Role: models.RolePrimary, UserID: u.ID}).Error; err != nil {
			return fmt.Errorf("set primary: %w", err)
		}
		access := models.SiteAccess{SiteID: site.ID, UserID: u.ID}
		access.SetPrivileges(models.PrimaryPrivileges)
		if err := tx.Create(&access).Error; err != nil {
			return fmt.Errorf("give primary access: %w", err)
		}
		return Audit(tx, a, "enrollment.create", &site.ID, &cust.ID, "site", site.SiteNumber, nil, map[string]any{
			"kind": e.Kind, "customer_number": cust.CustomerNumber, "agreement_number": e.AgreementNumber,
			"site_number": site.SiteNumber, "primary": e.PrimaryEmail,
		})
	})
	return site, err
}
