// Package reports reads the Reporting tool's reports (SPEC B1 tool 2, B4)
// from the read models the processes write: the renewal quotes of a site
// (or of the sites of its agreement the caller may report on) and their
// order history, purchases and renewals. Every report is a keyset-paged
// list, so the API serves a page as JSON and streams every page as CSV
// without holding the whole report. It never changes anything.
package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Site is a site a report may cover, with the caller's standing on it.
type Site struct {
	ID         int64             `json:"-"`
	Number     string            `json:"site_number"`
	Name       string            `json:"site_name"`
	HasAccess  bool              `json:"-"` // a site_access row, or the site's Primary Contact
	Privileges models.Privileges `json:"-"` // effective (models.EffectivePrivileges)
}

// Reports reports whether the caller may report on the site (Reporting
// >= view, effective).
func (s Site) Reports() bool {
	return s.HasAccess && s.Privileges.Get(models.ToolReporting) >= models.LevelView
}

// AgreementSites lists the sites of agreementID, by site number, with
// userID's standing on each: what the stored privileges give, raised for
// the sites where the user is the Primary Contact (the one rule,
// models.EffectivePrivileges).
func AgreementSites(ctx context.Context, db *gorm.DB, userID, agreementID int64) ([]Site, error) {
	rows, err := db.WithContext(ctx).Raw(`SELECT s.id, s.site_number, s.name, a.user_id IS NOT NULL,
		COALESCE(a.software, 0), COALESCE(a.reporting, 0), COALESCE(a.entitlements, 0),
		COALESCE(a.manage_access, 0), COALESCE(a.contact_update, 0), COALESCE(a.documents, 0),
		EXISTS (SELECT 1 FROM site_contacts k WHERE k.site_id = s.id AND k.user_id = @user AND k.role = @primary)
		FROM sites s LEFT JOIN site_access a ON a.site_id = s.id AND a.user_id = @user
		WHERE s.agreement_id = @agreement ORDER BY s.site_number`,
		sql.Named("user", userID), sql.Named("primary", models.RolePrimary), sql.Named("agreement", agreementID)).Rows()
	if err != nil {
		return nil, fmt.Errorf("sites of agreement %d: %w", agreementID, err)
	}
	defer rows.Close()
	var out []Site
	for rows.Next() {
		var s Site
		var hasRow, primary bool
		p := &s.Privileges
		if err := rows.Scan(&s.ID, &s.Number, &s.Name, &hasRow, &p.Software, &p.Reporting, &p.Entitlements,
			&p.ManageAccess, &p.ContactUpdate, &p.Documents, &primary); err != nil {
			return nil, fmt.Errorf("sites of agreement %d: %w", agreementID, err)
		}
		s.HasAccess = hasRow || primary
		s.Privileges = models.EffectivePrivileges(s.Privileges, primary)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sites of agreement %d: %w", agreementID, err)
	}
	return out, nil
}

// Cursor is where a page of a report starts: after the row at At with ID
// (in the report's order).
type Cursor struct {
	At time.Time
	ID int64
}

// ids lists the sites' ids.
func ids(sites []Site) []int64 {
	out := make([]int64, 0, len(sites))
	for _, s := range sites {
		out = append(out, s.ID)
	}
	return out
}
