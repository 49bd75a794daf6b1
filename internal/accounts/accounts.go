// Package accounts performs the plain edits on sites that are not a
// long-running process: contact roles (A2–A4), privileges (B1–B2), access
// revocation, enrolment and support levels. Each change runs in one
// transaction with its audit row (H4), and a refused change changes nothing.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/models"
)

// Actor is who makes a change, for the audit log.
type Actor struct {
	Email     string
	RequestID string
}

// RuleError is a refused change: the rule broken and why. Kind says how
// the API should answer it.
type RuleError struct {
	Kind   RuleKind
	Rule   string
	Detail string
}

// RuleKind classifies a refusal.
type RuleKind int

// Refusal kinds: a state conflict (409), a privilege bound (403), an
// unprocessable request (422).
const (
	Conflict RuleKind = iota + 1
	Forbidden
	Unprocessable
)

func (e *RuleError) Error() string { return e.Rule + ": " + e.Detail }

func refuse(k RuleKind, rule, format string, args ...any) error {
	return &RuleError{Kind: k, Rule: rule, Detail: fmt.Sprintf(format, args...)}
}

// Service makes the changes.
type Service struct {
	DB *gorm.DB
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (s *Service) today() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	t := now().UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Audit writes one audit row in tx.
func Audit(tx *gorm.DB, a Actor, action string, siteID, customerID *int64, objType, objID string, before, after any) error {
	b, err := models.ToJSON(before)
	if err != nil {
		return err
	}
	af, err := models.ToJSON(after)
	if err != nil {
		return err
	}
	e := models.AuditEntry{
		Actor: a.Email, Action: action, SiteID: siteID, CustomerID: customerID,
		ObjectType: objType, ObjectID: objID, Before: b, After: af, RequestID: a.RequestID,
	}
	if err := tx.Omit("At").Create(&e).Error; err != nil {
		return fmt.Errorf("write audit row: %w", err)
	}
	return nil
}

// EnsureUser returns the user with email, creating it if missing. It reads
// first, since it runs on every authenticated request and the user almost
// always exists.
func EnsureUser(tx *gorm.DB, email string) (models.User, error) {
	var u models.User
	err := tx.Where("email = ?", email).Take(&u).Error
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return u, fmt.Errorf("load user: %w", err)
	}
	u = models.User{Email: email}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&u).Error; err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	if err := tx.Where("email = ?", email).Take(&u).Error; err != nil {
		return u, fmt.Errorf("load user: %w", err)
	}
	return u, nil
}

// RequestAudited reports whether an access request's action already has its
// audit row: the idempotency key of the activities that write one.
func RequestAudited(tx *gorm.DB, requestID, action string) (bool, error) {
	var n int64
	if err := tx.Model(&models.AuditEntry{}).
		Where("object_type = 'access_request' AND object_id = ? AND action = ?", requestID, action).Count(&n).Error; err != nil {
		return false, fmt.Errorf("check audit of %s: %w", action, err)
	}
	return n > 0, nil
}

// lockSite serialises changes to one site's contacts and access.
func lockSite(tx *gorm.DB, siteID int64) error {
	if err := tx.Exec("SELECT 1 FROM sites WHERE id = ? FOR UPDATE", siteID).Error; err != nil {
		return fmt.Errorf("lock site: %w", err)
	}
	return nil
}

// hasCurrentCoverage reports whether the site has S&S coverage not yet ended.
func (s *Service) hasCurrentCoverage(tx *gorm.DB, siteID int64) (bool, error) {
	var n int64
	if err := tx.Model(&models.Coverage{}).Where("site_id = ? AND end_date >= ?", siteID, s.today()).Limit(1).Count(&n).Error; err != nil {
		return false, fmt.Errorf("check coverage: %w", err)
	}
	return n > 0, nil
}

// Contacts lists a site's contact roles with their holders.
func Contacts(ctx context.Context, db *gorm.DB, siteID int64) ([]models.SiteContact, error) {
	var cs []models.SiteContact
	// One statement: the holders come with their roles (a JOIN, not a
	// second query per page as Preload would make).
	if err := db.WithContext(ctx).Joins("User").Where("site_contacts.site_id = ?", siteID).
		Order("site_contacts.role, site_contacts.created_at").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("list contacts: %w", err)
	}
	return cs, nil
}

// AssignContact gives role on site to the user with email. A single-holder
// role moves from its current holder (the Primary is moved, never removed:
// A4); a secondary contact is added, at most four (A2). The new holder gets
// access to the site if they had none.
func (s *Service) AssignContact(ctx context.Context, a Actor, site models.Site, role models.ContactRole, email string) error {
	if !role.Valid() {
		return refuse(Unprocessable, "A2", "unknown contact role %q", role)
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSite(tx, site.ID); err != nil {
			return err
		}
		u, err := EnsureUser(tx, email)
		if err != nil {
			return err
		}
		var holders []models.SiteContact
		if err := tx.Preload("User").Where("site_id = ? AND role = ?", site.ID, role).Order("created_at, user_id").Find(&holders).Error; err != nil {
			return fmt.Errorf("load holders: %w", err)
		}
		for _, h := range holders {
			if h.UserID == u.ID {
				return nil // already theirs: nothing changes, nothing to audit
			}
		}
		before := holderIDs(holders)
		if role.SingleHolder() {
			if err := tx.Where("site_id = ? AND role = ?", site.ID, role).Delete(&models.SiteContact{}).Error; err != nil {
				return fmt.Errorf("move role: %w", err)
			}
		} else if len(holders) >= models.MaxSecondaryContacts {
			return refuse(Conflict, "A2", "a site has at most %d secondary contacts", models.MaxSecondaryContacts)
		}
		if err := tx.Create(&models.SiteContact{SiteID: site.ID, Role: role, UserID: u.ID}).Error; err != nil {
			return fmt.Errorf("assign role: %w", err)
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&models.SiteAccess{SiteID: site.ID, UserID: u.ID}).Error; err != nil {
			return fmt.Errorf("give site access: %w", err)
		}
		action := "contact.assign"
		if role == models.RolePrimary {
			action = "contact.move_primary"
			// Account management moves with the role (B2): the new Primary
			// holds everything, the former one keeps their other tools but
			// no longer manage access or contact update.
			if err := movePrimaryPrivileges(tx, site.ID, before, u.ID); err != nil {
				return err
			}
		}
		emails := holderEmails(holders)
		after := append(emails[:len(emails):len(emails)], email)
		if role.SingleHolder() {
			after = []string{email}
		}
		return Audit(tx, a, action, &site.ID, &site.CustomerID, "site_contact", string(role),
			contactAudit(site, role, emails), contactAudit(site, role, after))
	})
}

func movePrimaryPrivileges(tx *gorm.DB, siteID int64, former []int64, to int64) error {
	if len(former) > 0 {
		if err := tx.Model(&models.SiteAccess{}).Where("site_id = ? AND user_id IN ?", siteID, former).
			Updates(map[string]any{"manage_access": models.LevelNone, "contact_update": models.LevelNone, "updated_at": gorm.Expr("now()")}).Error; err != nil {
			return fmt.Errorf("move account management: %w", err)
		}
	}
	var row models.SiteAccess
	if err := tx.Where("site_id = ? AND user_id = ?", siteID, to).Take(&row).Error; err != nil {
		return fmt.Errorf("load new primary access: %w", err)
	}
	row.SetPrivileges(row.Privileges().Max(models.PrimaryPrivileges))
	if err := tx.Save(&row).Error; err != nil {
		return fmt.Errorf("give new primary access: %w", err)
	}
	return nil
}

// RemoveContact takes role on site away from the user with email. The
// Primary cannot be removed (A4), only moved; a site with current S&S
// coverage keeps its STC (A3).
func (s *Service) RemoveContact(ctx context.Context, a Actor, site models.Site, role models.ContactRole, email string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSite(tx, site.ID); err != nil {
			return err
		}
		var holders []models.SiteContact
		if err := tx.Preload("User").Where("site_id = ? AND role = ?", site.ID, role).Order("created_at, user_id").Find(&holders).Error; err != nil {
			return fmt.Errorf("load holders: %w", err)
		}
		before := holderEmails(holders)
		if !slices.Contains(before, email) {
			return ErrRoleNotHeld
		}
		if role == models.RolePrimary {
			return refuse(Conflict, "A4", "the Primary Contact is moved, never removed: assign the primary role to someone else")
		}
		if err := s.keepsSTC(tx, site.ID, role); err != nil {
			return err
		}
		res := tx.Where("site_id = ? AND role = ? AND user_id IN (SELECT id FROM users WHERE email = ?)", site.ID, role, email).Delete(&models.SiteContact{})
		if res.Error != nil {
			return fmt.Errorf("remove role: %w", res.Error)
		}
		after := slices.DeleteFunc(slices.Clone(before), func(e string) bool { return e == email })
		return Audit(tx, a, "contact.remove", &site.ID, &site.CustomerID, "site_contact", string(role),
			contactAudit(site, role, before), contactAudit(site, role, after))
	})
}

// keepsSTC refuses removing the STC of a site with current coverage (A3).
func (s *Service) keepsSTC(tx *gorm.DB, siteID int64, role models.ContactRole) error {
	if role != models.RoleTechnical {
		return nil
	}
	covered, err := s.hasCurrentCoverage(tx, siteID)
	if err != nil {
		return err
	}
	if covered {
		return refuse(Conflict, "A3", "the site has current S&S coverage and must keep a Site Technical Contact: assign the role to someone else instead")
	}
	return nil
}

// contactAudit is the before/after document of a contact change: the site,
// the role and its holders by email (H4: readable without internal ids).
func contactAudit(site models.Site, role models.ContactRole, holders []string) map[string]any {
	if holders == nil {
		holders = []string{}
	}
	return map[string]any{"site_number": site.SiteNumber, "role": role, "holders": holders}
}

func holderEmails(cs []models.SiteContact) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		if c.User != nil {
			out = append(out, c.User.Email)
		}
	}
	return out
}

func holderIDs(cs []models.SiteContact) []int64 {
	out := make([]int64, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.UserID)
	}
	return out
}

// Granter is the standing of whoever changes privileges on a site.
type Granter struct {
	Actor
	Privileges models.Privileges // effective levels
	IsPrimary  bool
}

// SetPrivileges sets the stored privileges of the user with email on site
// (creating their access if they had none), under the B2 rules.
func (s *Service) SetPrivileges(ctx context.Context, g Granter, site models.Site, email string, to models.Privileges) (models.Privileges, error) {
	if err := to.Valid(); err != nil {
		return to, refuse(Unprocessable, "B1", "%v", err)
	}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSite(tx, site.ID); err != nil {
			return err
		}
		u, err := EnsureUser(tx, email)
		if err != nil {
			return err
		}
		if isPrimary, err := holdsRole(tx, site.ID, u.ID, models.RolePrimary); err != nil {
			return err
		} else if isPrimary {
			return refuse(Conflict, "B2", "the Primary Contact's privileges come with the role and cannot be changed")
		}
		var row models.SiteAccess
		err = tx.Where("site_id = ? AND user_id = ?", site.ID, u.ID).Take(&row).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("load access: %w", err)
		}
		existed := err == nil
		from := row.Privileges()
		if rule := models.GrantCheck(g.Privileges, g.IsPrimary, from, to); rule != "" {
			return refuse(Forbidden, "B2", "%s", rule)
		}
		row.SiteID, row.UserID = site.ID, u.ID
		row.SetPrivileges(to)
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("save access: %w", err)
		}
		var before any
		if existed {
			before = from.Named()
		}
		return Audit(tx, g.Actor, "privileges.set", &site.ID, &site.CustomerID, "site_access", email, before, to.Named())
	})
	return to, err
}

// RevokeAccess removes a user's access to site and their contact roles
// there. Never the Primary's (A4); never the last STC of a covered site
// (A3); only the Primary revokes someone holding manage access or contact
// update (B2).
func (s *Service) RevokeAccess(ctx context.Context, g Granter, site models.Site, email string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSite(tx, site.ID); err != nil {
			return err
		}
		var u models.User
		if err := tx.Where("email = ?", email).Take(&u).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNoAccess
		} else if err != nil {
			return fmt.Errorf("load user: %w", err)
		}
		var row models.SiteAccess
		if err := tx.Where("site_id = ? AND user_id = ?", site.ID, u.ID).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNoAccess
		} else if err != nil {
			return fmt.Errorf("load access: %w", err)
		}
		var roles []models.SiteContact
		if err := tx.Where("site_id = ? AND user_id = ?", site.ID, u.ID).Find(&roles).Error; err != nil {
			return fmt.Errorf("load roles: %w", err)
		}
		for _, r := range roles {
			if r.Role == models.RolePrimary {
				return refuse(Conflict, "A4", "the Primary Contact's access cannot be revoked: move the primary role first")
			}
			if err := s.keepsSTC(tx, site.ID, r.Role); err != nil {
				return err
			}
		}
		if rule := models.GrantCheck(g.Privileges, g.IsPrimary, row.Privileges(), models.Privileges{}); rule != "" {
			return refuse(Forbidden, "B2", "%s", rule)
		}
		if len(roles) > 0 && g.Privileges.ContactUpdate < models.LevelUpdate {
			return refuse(Forbidden, "B2", "%s holds contact roles: revoking them needs contact_update=update", email)
		}
		if err := tx.Where("site_id = ? AND user_id = ?", site.ID, u.ID).Delete(&models.SiteContact{}).Error; err != nil {
			return fmt.Errorf("remove roles: %w", err)
		}
		if err := tx.Where("site_id = ? AND user_id = ?", site.ID, u.ID).Delete(&models.SiteAccess{}).Error; err != nil {
			return fmt.Errorf("revoke access: %w", err)
		}
		// Support access belongs to people of the account: it goes with the
		// user's last site of this customer.
		if err := tx.Exec(`DELETE FROM support_access WHERE customer_id = ? AND user_id = ? AND NOT EXISTS (
			SELECT 1 FROM site_access a JOIN sites s ON s.id = a.site_id WHERE s.customer_id = ? AND a.user_id = ?)`,
			site.CustomerID, u.ID, site.CustomerID, u.ID).Error; err != nil {
			return fmt.Errorf("revoke support access: %w", err)
		}
		rs := make([]string, 0, len(roles))
		for _, r := range roles {
			rs = append(rs, string(r.Role))
		}
		return Audit(tx, g.Actor, "access.revoke", &site.ID, &site.CustomerID, "site_access", email,
			map[string]any{"privileges": row.Privileges().Named(), "roles": rs}, nil)
	})
}

// ErrRoleNotHeld is returned when removing a contact role from someone who
// does not hold it (the API answers 404: there is no such contact).
var ErrRoleNotHeld = errors.New("the person does not hold this contact role")

// ErrNoAccess is returned when revoking a user without access to the site
// (the API answers 404).
var ErrNoAccess = errors.New("user has no access to this site")

func holdsRole(tx *gorm.DB, siteID, userID int64, role models.ContactRole) (bool, error) {
	var n int64
	if err := tx.Model(&models.SiteContact{}).Where("site_id = ? AND user_id = ? AND role = ?", siteID, userID, role).Count(&n).Error; err != nil {
		return false, fmt.Errorf("check role: %w", err)
	}
	return n > 0, nil
}

// SetSupportLevel sets a user's support access level on an account (D1:
// administrators change levels). The user must have access to one of the
// account's sites; nobody changes their own level.
func (s *Service) SetSupportLevel(ctx context.Context, a Actor, customerID int64, email string, level models.SupportLevel) error {
	if email == a.Email {
		return refuse(Forbidden, "D1", "nobody changes their own support level")
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u models.User
		err := tx.Where(`email = ? AND EXISTS (SELECT 1 FROM site_access a JOIN sites s ON s.id = a.site_id
			WHERE s.customer_id = ? AND a.user_id = users.id)`, email, customerID).Take(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return refuse(Unprocessable, "D1", "%s is not a user of this account", email)
		} else if err != nil {
			return fmt.Errorf("load user: %w", err)
		}
		return putSupportLevel(tx, a, customerID, u.ID, level, "support_level.set", "support_access", email)
	})
}

// putSupportLevel upserts a user's support level on an account with its
// audit row (before and after).
func putSupportLevel(tx *gorm.DB, a Actor, customerID, userID int64, level models.SupportLevel, action, objType, objID string) error {
	var before models.SupportAccess
	if err := tx.Where("customer_id = ? AND user_id = ?", customerID, userID).Take(&before).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("load support level: %w", err)
	}
	row := models.SupportAccess{CustomerID: customerID, UserID: userID, Level: level}
	if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("set support level: %w", err)
	}
	return Audit(tx, a, action, nil, &customerID, objType, objID,
		map[string]string{"support_level": before.Level.String()}, map[string]string{"support_level": level.String()})
}
