package accounts_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/accounts"
)

// Each standing is one SQL statement, found or not: the authenticated read
// path pays one round trip for the caller's standing (issue 7, item 10).
func TestStandingIsOneStatement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	uid := f.user(grace).ID
	siteID, customerID := f.site(acmeHQ).ID, f.customer(acme).ID

	// The counter sees every statement: EnsureUser of a new person makes
	// three (read, insert, read back).
	db, c := counted(f.db)
	if _, err := accounts.EnsureUser(db, "counted@newcomer.example.com"); err != nil {
		t.Fatal(err)
	}
	if n := len(c.statements()); n != 3 {
		t.Fatalf("the counter saw %d statements of EnsureUser, want 3: %q", n, c.statements())
	}

	for name, call := range map[string]func(*testing.T, *statementCounter){
		"SiteStandingByNumber": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.SiteStandingByNumber(f.ctx(), db, uid, acmeHQ); err != nil || !found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
		"SiteStandingByNumber not found": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.SiteStandingByNumber(f.ctx(), db, uid, "999999"); err != nil || found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
		"SiteStandingByID": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.SiteStandingByID(f.ctx(), db, uid, siteID); err != nil || !found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
		"AccountStandingByNumber": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.AccountStandingByNumber(f.ctx(), db, uid, acme); err != nil || !found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
		"AccountStandingByNumber not found": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.AccountStandingByNumber(f.ctx(), db, uid, "9999999"); err != nil || found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
		"AccountStandingByID": func(t *testing.T, c *statementCounter) {
			if _, found, err := accounts.AccountStandingByID(f.ctx(), db, uid, customerID); err != nil || !found {
				t.Fatalf("found=%v %v", found, err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			before := len(c.statements())
			call(t, c)
			got := c.statements()[before:]
			if len(got) != 1 || !strings.HasPrefix(strings.TrimSpace(got[0]), "SELECT") {
				t.Fatalf("%d statements, want one SELECT: %q", len(got), got)
			}
		})
	}
}
