package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// H4: the audit rows of contact changes (assign, move of the Primary,
// remove) are readable as they stand: before and after name the site by
// its number, the role, and its holders by email in assignment order ([]
// when there are none), and nothing else: no internal user id.
func TestContactAuditRowsNameTheSiteAndHoldersByEmail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	seeded := f.holders(acmeHQ, models.RoleSecondary)
	if !slices.Equal(seeded, []string{dave, grace}) {
		t.Fatalf("seed secondaries = %v", seeded)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, henry))
	must(f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, erin))
	must(f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleSecondary, henry))
	must(f.svc.AssignContact(f.ctx(), actor(alice), site, models.RolePrimary, bob))
	// A role nobody held, on another site.
	dublin := f.site("300302")
	must(f.svc.AssignContact(f.ctx(), actor(solo), dublin, models.RoleTechnical, frank))
	must(f.svc.RemoveContact(f.ctx(), actor(solo), dublin, models.RoleTechnical, frank))

	var rows []models.AuditEntry
	if err := f.db.Where("action LIKE 'contact.%'").Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	// The seeded secondaries were assigned together: their order is the
	// one the first row reports, and every later row keeps it.
	first := doc(t, rows[0].Before)["holders"]
	var s1, s2 string
	if hs, ok := first.([]any); ok && len(hs) == 2 {
		s1, _ = hs[0].(string)
		s2, _ = hs[1].(string)
	}
	if !slices.Equal(sorted(s1, s2), []string{dave, grace}) {
		t.Fatalf("first row's holders before = %v, want dave and grace", first)
	}
	want := []struct {
		action        string
		site          models.Site
		role          models.ContactRole
		before, after []string
	}{
		{"contact.assign", site, models.RoleSecondary, []string{s1, s2}, []string{s1, s2, henry}},
		{"contact.assign", site, models.RoleSecondary, []string{s1, s2, henry}, []string{s1, s2, henry, erin}},
		{"contact.remove", site, models.RoleSecondary, []string{s1, s2, henry, erin}, []string{s1, s2, erin}},
		{"contact.move_primary", site, models.RolePrimary, []string{alice}, []string{bob}},
		{"contact.assign", dublin, models.RoleTechnical, nil, []string{frank}},
		{"contact.remove", dublin, models.RoleTechnical, []string{frank}, nil},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d contact audit rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Action != w.action || r.ObjectType != "site_contact" || r.ObjectID != string(w.role) ||
			r.SiteID == nil || *r.SiteID != w.site.ID || r.CustomerID == nil || *r.CustomerID != w.site.CustomerID {
			t.Errorf("row %d = %+v, want %s of %s on %s", i, r, w.action, w.role, w.site.SiteNumber)
		}
		sameDoc(t, r.Action+" before", r.Before, contactDoc(w.site.SiteNumber, w.role, w.before...))
		sameDoc(t, r.Action+" after", r.After, contactDoc(w.site.SiteNumber, w.role, w.after...))
	}
}
