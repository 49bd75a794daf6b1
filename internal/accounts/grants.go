package accounts

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// The grants of approved access requests. Each runs in one transaction (a
// savepoint when s.DB is already a transaction), takes the lock the other
// privilege writes take, checks its rules under it against the approver's
// standing now (not the one they had when they decided), and refuses with
// a *RuleError; a replay of a grant already made changes nothing.

// GrantRequested is the idempotent grant of an approved self-nomination:
// the user's stored privileges on the site become at least p (never
// lowered), with one audit row keyed by the request. Under the site lock
// it refuses (RuleError) when the site no longer exists or when the
// approver (approver.Email) no longer holds, by models.GrantCheck, what
// the grant changes.
func (s *Service) GrantRequested(ctx context.Context, approver Actor, siteID, userID int64, p models.Privileges, requestID string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSite(tx, siteID); err != nil {
			return err
		}
		var site models.Site
		if err := tx.Take(&site, siteID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return refuse(Conflict, "C3", "the site no longer exists")
		} else if err != nil {
			return fmt.Errorf("load site: %w", err)
		}
		if done, err := RequestAudited(tx, requestID, "request.grant"); err != nil || done {
			return err // done: already granted by an earlier attempt
		}
		granter, isPrimary, err := siteGranter(tx, siteID, approver.Email)
		if err != nil {
			return err
		}
		var row models.SiteAccess
		err = tx.Where("site_id = ? AND user_id = ?", siteID, userID).Take(&row).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("load access: %w", err)
		}
		before := row.Privileges()
		after := before.Max(p)
		if rule := models.GrantCheck(granter, isPrimary, before, after); rule != "" {
			return refuse(Forbidden, "B2", "%s: %s", approver.Email, rule)
		}
		row.SiteID, row.UserID = siteID, userID
		row.SetPrivileges(after)
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("grant access: %w", err)
		}
		return Audit(tx, approver, "request.grant", &siteID, &site.CustomerID, "access_request", requestID, before.Named(), after.Named())
	})
}

// siteGranter is the approver's effective privileges on the site now and
// whether they hold its primary role (none for an unknown email).
func siteGranter(tx *gorm.DB, siteID int64, email string) (models.Privileges, bool, error) {
	var st struct {
		models.Privileges
		IsPrimary bool
	}
	err := tx.Raw(`SELECT COALESCE(a.software, 0) AS software, COALESCE(a.reporting, 0) AS reporting,
			COALESCE(a.entitlements, 0) AS entitlements, COALESCE(a.manage_access, 0) AS manage_access,
			COALESCE(a.contact_update, 0) AS contact_update, COALESCE(a.documents, 0) AS documents,
			EXISTS (SELECT 1 FROM site_contacts c WHERE c.site_id = ? AND c.user_id = u.id AND c.role = ?) AS is_primary
		FROM users u LEFT JOIN site_access a ON a.site_id = ? AND a.user_id = u.id
		WHERE u.email = ?`, siteID, models.RolePrimary, siteID, email).Scan(&st).Error
	if err != nil {
		return models.Privileges{}, false, fmt.Errorf("load approver standing: %w", err)
	}
	return models.EffectivePrivileges(st.Privileges, st.IsPrimary), st.IsPrimary, nil
}

// GrantSupportLevel is the idempotent grant of an approved support-access
// request: the user's level on the account becomes at least level. It
// locks every site of the account (in id order, as the site-level writes
// lock one), so a concurrent revocation of the requester's last site
// cannot slip between the check and the grant, and refuses (RuleError)
// when the account has no sites any more, the requester no longer has
// access to one of them, or the approver (approver.Email) is no longer a
// support administrator of the account.
func (s *Service) GrantSupportLevel(ctx context.Context, approver Actor, customerID, userID int64, level models.SupportLevel, requestID string) error {
	if level < models.SupportBasic || level > models.SupportAdmin {
		return refuse(Unprocessable, "D1", "support level %d is not one of basic, full or administrator", level)
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var sites []int64
		if err := tx.Raw("SELECT id FROM sites WHERE customer_id = ? ORDER BY id FOR UPDATE", customerID).Scan(&sites).Error; err != nil {
			return fmt.Errorf("lock account sites: %w", err)
		}
		if len(sites) == 0 {
			return refuse(Conflict, "D2", "the account no longer has any site")
		}
		if done, err := RequestAudited(tx, requestID, "request.grant"); err != nil || done {
			return err
		}
		var st struct{ Admin, Member bool }
		err := tx.Raw(`SELECT
			EXISTS (SELECT 1 FROM users u JOIN site_contacts c ON c.user_id = u.id JOIN sites s ON s.id = c.site_id
				WHERE u.email = ? AND s.customer_id = ? AND c.role = ?)
			OR EXISTS (SELECT 1 FROM users u JOIN support_access a ON a.user_id = u.id
				WHERE u.email = ? AND a.customer_id = ? AND a.level >= ?) AS admin,
			EXISTS (SELECT 1 FROM site_access a JOIN sites s ON s.id = a.site_id
				WHERE s.customer_id = ? AND a.user_id = ?) AS member`,
			approver.Email, customerID, models.RoleTechnical, approver.Email, customerID, models.SupportAdmin,
			customerID, userID).Scan(&st).Error
		if err != nil {
			return fmt.Errorf("load standings: %w", err)
		}
		if !st.Admin {
			return refuse(Forbidden, "D2", "%s is no longer the Site Technical Contact or a support administrator of the account", approver.Email)
		}
		if !st.Member {
			return refuse(Conflict, "D2", "the requester no longer has access to any site of the account")
		}
		var current models.SupportAccess
		if err := tx.Where("customer_id = ? AND user_id = ?", customerID, userID).Take(&current).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("load support level: %w", err)
		}
		return putSupportLevel(tx, approver, customerID, userID, max(current.Level, level), "request.grant", "access_request", requestID)
	})
}
