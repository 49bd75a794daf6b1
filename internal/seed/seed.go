// Package seed loads the demo dataset used by `pao dev` and the README;
// loading it twice changes nothing.
//
// Every row is inserted keyed by its business key (customer number,
// agreement number, site number, email, part number, (site, product) …)
// with ON CONFLICT DO NOTHING, and ids are then looked up by that key, so a
// second load neither duplicates rows nor undoes what people changed through
// the API (contacts, privileges, support levels). Only prices are upserted.
//
// S&S coverage is held on the product's S&S renewal part (licence type
// ss_renewal), so a renewal quote prices a coverage line directly, and it
// ends at the site's agreement anniversary (SPEC F1); the Express site,
// which has no agreement, has its own end date.
//
// The data is declared apart from the code that writes it: people.go (the
// users and what each can do), accounts.go (customers, agreements, sites),
// access.go (contacts, privilege sets, site and support access) and
// catalog.go (products, price levels, currencies, coverage); loader.go
// inserts it step by step and Load runs the steps in one transaction.
package seed

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// DemoUser is a person of the demo dataset, for the README and `pao dev`'s
// printed tokens.
type DemoUser struct {
	Email string
	Name  string
	// Roles are the IBM-side token roles, e.g. "ibm-ops"; empty for
	// customers' people.
	Roles []string
	// Description says what the person can do.
	Description string
}

// Summary counts what the dataset holds after loading: the rows of the
// demo dataset's business keys present in the database.
type Summary struct {
	Customers, Sites, Users, Products, Coverages int
}

// Load upserts the dataset keyed by business keys inside one transaction;
// coverage end dates and agreement anniversaries are computed from today (a
// date) so the spread stays current when loaded into a fresh database.
func Load(ctx context.Context, db *gorm.DB, today time.Time) (Summary, error) {
	day := dateOf(today)
	var sum Summary
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		l := loader{tx: tx, day: day}
		steps := []struct {
			name string
			fn   func() error
		}{
			{"users", l.users},
			{"customers", l.customers},
			{"reps and Business Partners", l.reps},
			{"agreements", l.agreements},
			{"sites", l.sites},
			{"site contacts", l.contacts},
			{"site access", l.access},
			{"support access", l.support},
			{"products", l.products},
			{"prices", l.prices},
			{"coverages", l.coverages},
			{"packages", l.packages},
			{"agreement documents", l.agreementDocuments},
		}
		for _, s := range steps {
			if err := s.fn(); err != nil {
				return fmt.Errorf("seed %s: %w", s.name, err)
			}
		}
		var err error
		sum, err = l.summary()
		if err != nil {
			return fmt.Errorf("seed summary: %w", err)
		}
		return nil
	})
	if err != nil {
		return Summary{}, fmt.Errorf("load demo dataset: %w", err)
	}
	return sum, nil
}
