package accounts_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// A2: a single-holder role moves from its holder to the new one, who keeps
// nothing else of the former's; the former keeps their access; one audit
// row names the site and both holders by email.
func TestAssignContactMovesASingleHolderRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	carolPriv, _ := f.access(acmeHQ, carol)
	davePriv, _ := f.access(acmeHQ, dave)

	if err := f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleTechnical, dave); err != nil {
		t.Fatal(err)
	}
	if h := f.holders(acmeHQ, models.RoleTechnical); !slices.Equal(h, []string{dave}) {
		t.Fatalf("technical = %v", h)
	}
	if h := f.holders(acmeHQ, models.RoleSecondary); !slices.Contains(h, dave) {
		t.Fatalf("dave lost his secondary role: %v", h)
	}
	if p, ok := f.access(acmeHQ, carol); !ok || p != carolPriv {
		t.Fatalf("carol's access after the move: %+v %v", p, ok)
	}
	if p, ok := f.access(acmeHQ, dave); !ok || p != davePriv {
		t.Fatalf("dave's access after the move: %+v %v (the role grants no privileges)", p, ok)
	}
	rows := f.audits("contact.assign")
	if len(rows) != 1 {
		t.Fatalf("%d contact.assign rows", len(rows))
	}
	r := rows[0]
	before, after := doc(t, r.Before), doc(t, r.After)
	if r.Actor != alice || r.RequestID != "req-"+alice || r.SiteID == nil || *r.SiteID != site.ID ||
		r.CustomerID == nil || *r.CustomerID != site.CustomerID || r.ObjectType != "site_contact" || r.ObjectID != "technical" {
		t.Errorf("audit row %+v", r)
	}
	if !reflect.DeepEqual(before, contactDoc(acmeHQ, models.RoleTechnical, carol)) ||
		!reflect.DeepEqual(after, contactDoc(acmeHQ, models.RoleTechnical, dave)) {
		t.Errorf("audit before %v after %v", before, after)
	}
}
