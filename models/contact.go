package models

import "time"

// ContactRole is one of the contact roles of a site (SPEC A2).
type ContactRole string

// Contact roles.
const (
	RolePrimary        ContactRole = "primary"
	RoleAdministrative ContactRole = "administrative"
	RoleTechnical      ContactRole = "technical"
	RoleSecondary      ContactRole = "secondary"
	RoleRenewal        ContactRole = "renewal"
	RoleMedia          ContactRole = "media"
	RoleBilling        ContactRole = "billing"
)

// MaxSecondaryContacts is the A2 limit of secondary contacts per site.
const MaxSecondaryContacts = 4

// ContactRoles lists every role in display order.
var ContactRoles = []ContactRole{RolePrimary, RoleAdministrative, RoleTechnical, RoleSecondary, RoleRenewal, RoleMedia, RoleBilling}

// Valid reports whether r is a known contact role.
func (r ContactRole) Valid() bool {
	for _, k := range ContactRoles {
		if k == r {
			return true
		}
	}
	return false
}

// SingleHolder reports whether at most one user holds the role on a site.
func (r ContactRole) SingleHolder() bool { return r != RoleSecondary }

// SiteContact assigns a contact role on a site to a user.
type SiteContact struct {
	SiteID    int64       `gorm:"primaryKey"`
	Role      ContactRole `gorm:"primaryKey"`
	UserID    int64       `gorm:"primaryKey"`
	CreatedAt time.Time

	User *User `gorm:"foreignKey:UserID"`
}
