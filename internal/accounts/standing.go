package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// SiteStanding is a user's standing on one site.
type SiteStanding struct {
	Site       models.Site
	Stored     models.Privileges // the site_access row as stored (zero if none)
	Privileges models.Privileges // effective: models.EffectivePrivileges(Stored, IsPrimary)
	HasAccess  bool              // a site_access row exists, or the user is the Primary
	IsPrimary  bool
}

// siteStandingSQL loads a site, the user's site_access row on it and
// whether the user holds its primary role, in one statement. The WHERE
// clause (%s) names the site by number or by id.
const siteStandingSQL = `SELECT s.id, s.site_number, s.customer_id, s.agreement_id, s.kind, s.name, s.country, s.currency, s.created_at,
	a.user_id IS NOT NULL,
	COALESCE(a.software, 0), COALESCE(a.reporting, 0), COALESCE(a.entitlements, 0),
	COALESCE(a.manage_access, 0), COALESCE(a.contact_update, 0), COALESCE(a.documents, 0),
	EXISTS (SELECT 1 FROM site_contacts c WHERE c.site_id = s.id AND c.user_id = @user AND c.role = @primary)
FROM sites s
LEFT JOIN site_access a ON a.site_id = s.id AND a.user_id = @user
WHERE %s`

var (
	siteStandingByNumberSQL = fmt.Sprintf(siteStandingSQL, "s.site_number = @key")
	siteStandingByIDSQL     = fmt.Sprintf(siteStandingSQL, "s.id = @key")
)

// SiteStandingByNumber loads the site by site_number and userID's standing
// on it in one SQL statement; found is false when there is no such site.
func SiteStandingByNumber(ctx context.Context, db *gorm.DB, userID int64, siteNumber string) (s SiteStanding, found bool, err error) {
	return siteStanding(ctx, db, siteStandingByNumberSQL, userID, siteNumber)
}

// SiteStandingByID is SiteStandingByNumber for a site named by its id.
func SiteStandingByID(ctx context.Context, db *gorm.DB, userID, siteID int64) (SiteStanding, bool, error) {
	return siteStanding(ctx, db, siteStandingByIDSQL, userID, siteID)
}

func siteStanding(ctx context.Context, db *gorm.DB, query string, userID int64, key any) (SiteStanding, bool, error) {
	var s SiteStanding
	var hasRow bool
	p := &s.Stored
	err := db.WithContext(ctx).Raw(query, sql.Named("user", userID), sql.Named("primary", models.RolePrimary), sql.Named("key", key)).Row().Scan(
		&s.Site.ID, &s.Site.SiteNumber, &s.Site.CustomerID, &s.Site.AgreementID, &s.Site.Kind, &s.Site.Name,
		&s.Site.Country, &s.Site.Currency, &s.Site.CreatedAt,
		&hasRow,
		&p.Software, &p.Reporting, &p.Entitlements, &p.ManageAccess, &p.ContactUpdate, &p.Documents,
		&s.IsPrimary,
	)
	if errors.Is(err, sql.ErrNoRows) {
		return SiteStanding{}, false, nil
	}
	if err != nil {
		return SiteStanding{}, false, fmt.Errorf("load site standing: %w", err)
	}
	s.HasAccess = hasRow || s.IsPrimary
	s.Privileges = models.EffectivePrivileges(s.Stored, s.IsPrimary)
	return s, true, nil
}

// AccountStanding is a user's support standing on a customer account (D1/D2).
type AccountStanding struct {
	Customer models.Customer
	Stored   models.SupportLevel // the support_access row (none if missing)
	Level    models.SupportLevel // effective: a Site Technical Contact of any of the account's sites is administrator
	IsSTC    bool
	// ManagesAccount: the Primary Contact of one of the account's sites, or
	// a user with manage access (view or more) on one.
	ManagesAccount bool
}

// accountStandingSQL loads a customer, the user's support_access level on
// it and whether the user is the Site Technical Contact of one of its
// sites, in one statement.
const accountStandingSQL = `SELECT c.id, c.customer_number, c.name, c.created_at,
	COALESCE((SELECT a.level FROM support_access a WHERE a.customer_id = c.id AND a.user_id = @user), 0),
	EXISTS (SELECT 1 FROM site_contacts sc JOIN sites s ON s.id = sc.site_id
		WHERE s.customer_id = c.id AND sc.user_id = @user AND sc.role = @technical),
	EXISTS (SELECT 1 FROM site_contacts sc JOIN sites s ON s.id = sc.site_id
		WHERE s.customer_id = c.id AND sc.user_id = @user AND sc.role = @primary)
	OR EXISTS (SELECT 1 FROM site_access sa JOIN sites s ON s.id = sa.site_id
		WHERE s.customer_id = c.id AND sa.user_id = @user AND sa.manage_access >= @view)
FROM customers c
WHERE %s`

var (
	accountStandingByNumberSQL = fmt.Sprintf(accountStandingSQL, "c.customer_number = @key")
	accountStandingByIDSQL     = fmt.Sprintf(accountStandingSQL, "c.id = @key")
)

// AccountStandingByNumber loads the customer by customer_number and
// userID's support standing on it in one SQL statement; found is false
// when there is no such customer.
func AccountStandingByNumber(ctx context.Context, db *gorm.DB, userID int64, customerNumber string) (AccountStanding, bool, error) {
	return accountStanding(ctx, db, accountStandingByNumberSQL, userID, customerNumber)
}

// AccountStandingByID is AccountStandingByNumber for a customer named by
// its id.
func AccountStandingByID(ctx context.Context, db *gorm.DB, userID, customerID int64) (AccountStanding, bool, error) {
	return accountStanding(ctx, db, accountStandingByIDSQL, userID, customerID)
}

func accountStanding(ctx context.Context, db *gorm.DB, query string, userID int64, key any) (AccountStanding, bool, error) {
	var a AccountStanding
	err := db.WithContext(ctx).Raw(query, sql.Named("user", userID), sql.Named("technical", models.RoleTechnical),
		sql.Named("primary", models.RolePrimary), sql.Named("view", models.LevelView), sql.Named("key", key)).Row().Scan(
		&a.Customer.ID, &a.Customer.CustomerNumber, &a.Customer.Name, &a.Customer.CreatedAt, &a.Stored, &a.IsSTC, &a.ManagesAccount,
	)
	if errors.Is(err, sql.ErrNoRows) {
		return AccountStanding{}, false, nil
	}
	if err != nil {
		return AccountStanding{}, false, fmt.Errorf("load account standing: %w", err)
	}
	a.Level = a.Stored
	if a.IsSTC {
		a.Level = models.SupportAdmin
	}
	return a, true, nil
}
