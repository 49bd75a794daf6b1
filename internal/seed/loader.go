package seed

import (
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/models"
)

// dateOf is the calendar date of t (in t's own location) at UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

type loader struct {
	tx  *gorm.DB
	day time.Time

	userIDs, customerIDs, agreementIDs, siteIDs, productIDs map[string]int64
	anniversaries                                           map[string]time.Time // by agreement number
}

// doNothing is ON CONFLICT (cols) DO NOTHING; without cols it skips a row
// that conflicts with any unique constraint.
func doNothing(cols ...string) clause.OnConflict {
	c := clause.OnConflict{DoNothing: true}
	for _, n := range cols {
		c.Columns = append(c.Columns, clause.Column{Name: n})
	}
	return c
}

// ids maps business key to id for the rows of model whose keyCol is in keys,
// and fails if one is missing.
func (l *loader) ids(model any, keyCol string, keys []string) (map[string]int64, error) {
	var rows []struct {
		ID  int64
		Key string
	}
	if err := l.tx.Model(model).Select("id, "+keyCol+" AS key").Where(keyCol+" IN ?", keys).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("look up ids by %s: %w", keyCol, err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Key] = r.ID
	}
	for _, k := range keys {
		if _, ok := out[k]; !ok {
			return nil, fmt.Errorf("%s %s missing after insert", keyCol, k)
		}
	}
	return out, nil
}

func keysOf[T any](xs []T, key func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, key(x))
	}
	return out
}

func (l *loader) users() error {
	rows := make([]models.User, 0, len(people))
	for _, p := range people {
		rows = append(rows, models.User{Email: p.email, Name: p.name, Company: p.company, Phone: p.phone})
	}
	if err := l.tx.Clauses(doNothing("email")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert users: %w", err)
	}
	var err error
	l.userIDs, err = l.ids(&models.User{}, "email", keysOf(people, func(p person) string { return p.email }))
	return err
}

func (l *loader) customers() error {
	rows := make([]models.Customer, 0, len(customers))
	for _, c := range customers {
		rows = append(rows, models.Customer{CustomerNumber: c.number, Name: c.name})
	}
	if err := l.tx.Clauses(doNothing("customer_number")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert customers: %w", err)
	}
	var err error
	l.customerIDs, err = l.ids(&models.Customer{}, "customer_number", keysOf(customers, func(c customerSpec) string { return c.number }))
	return err
}

func (l *loader) agreements() error {
	rows := make([]models.Agreement, 0, len(agreements))
	for _, a := range agreements {
		rows = append(rows, models.Agreement{
			AgreementNumber: a.number, CustomerID: l.customerIDs[a.customer],
			Anniversary: l.day.AddDate(0, 0, a.anniversaryIn), VolumeLevel: a.level,
		})
	}
	if err := l.tx.Clauses(doNothing("agreement_number")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert agreements: %w", err)
	}
	// Read the anniversaries back: a second load keeps the first one's.
	var stored []models.Agreement
	nums := keysOf(agreements, func(a agreementSpec) string { return a.number })
	if err := l.tx.Where("agreement_number IN ?", nums).Find(&stored).Error; err != nil {
		return fmt.Errorf("look up agreements: %w", err)
	}
	l.agreementIDs = make(map[string]int64, len(stored))
	l.anniversaries = make(map[string]time.Time, len(stored))
	for _, a := range stored {
		l.agreementIDs[a.AgreementNumber] = a.ID
		l.anniversaries[a.AgreementNumber] = dateOf(a.Anniversary)
	}
	for _, n := range nums {
		if _, ok := l.agreementIDs[n]; !ok {
			return fmt.Errorf("agreement %s missing after insert", n)
		}
	}
	return nil
}

func (l *loader) sites() error {
	rows := make([]models.Site, 0, len(sites))
	for _, s := range sites {
		row := models.Site{
			SiteNumber: s.number, CustomerID: l.customerIDs[s.customer], Kind: s.kind,
			Name: s.name, Country: s.country, Currency: s.currency,
		}
		if s.agreement != "" {
			id := l.agreementIDs[s.agreement]
			row.AgreementID = &id
		}
		rows = append(rows, row)
	}
	if err := l.tx.Clauses(doNothing("site_number")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert sites: %w", err)
	}
	var err error
	l.siteIDs, err = l.ids(&models.Site{}, "site_number", keysOf(sites, func(s siteSpec) string { return s.number }))
	return err
}

// contacts inserts the contact roles. A role the API has since given to
// someone else is left alone (the single-holder index conflicts and the row
// is skipped), and a secondary contact is not added to a site that already
// has the maximum.
func (l *loader) contacts() error {
	for _, c := range contacts {
		row := models.SiteContact{SiteID: l.siteIDs[c.site], Role: c.role, UserID: l.userIDs[c.email]}
		if c.role == models.RoleSecondary {
			var n, mine int64
			if err := l.tx.Model(&models.SiteContact{}).
				Where("site_id = ? AND role = ?", row.SiteID, models.RoleSecondary).Count(&n).Error; err != nil {
				return fmt.Errorf("count secondary contacts of site %s: %w", c.site, err)
			}
			if err := l.tx.Model(&models.SiteContact{}).
				Where("site_id = ? AND role = ? AND user_id = ?", row.SiteID, models.RoleSecondary, row.UserID).Count(&mine).Error; err != nil {
				return fmt.Errorf("look up secondary contact %s of site %s: %w", c.email, c.site, err)
			}
			if mine > 0 || n >= models.MaxSecondaryContacts {
				continue
			}
		}
		if err := l.tx.Clauses(doNothing()).Create(&row).Error; err != nil {
			return fmt.Errorf("insert %s contact %s of site %s: %w", c.role, c.email, c.site, err)
		}
	}
	return nil
}

func (l *loader) access() error {
	rows := make([]models.SiteAccess, 0, len(access))
	for _, a := range access {
		if err := a.priv.Valid(); err != nil {
			return fmt.Errorf("privileges of %s on site %s: %w", a.email, a.site, err)
		}
		row := models.SiteAccess{SiteID: l.siteIDs[a.site], UserID: l.userIDs[a.email]}
		row.SetPrivileges(a.priv)
		rows = append(rows, row)
	}
	if err := l.tx.Clauses(doNothing("site_id", "user_id")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert site access: %w", err)
	}
	return nil
}

func (l *loader) support() error {
	rows := make([]models.SupportAccess, 0, len(support))
	for _, s := range support {
		rows = append(rows, models.SupportAccess{CustomerID: l.customerIDs[s.customer], UserID: l.userIDs[s.email], Level: s.level})
	}
	if err := l.tx.Clauses(doNothing("customer_id", "user_id")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert support access: %w", err)
	}
	return nil
}

func (l *loader) products() error {
	rows := make([]models.Product, 0, len(products))
	for _, p := range products {
		rows = append(rows, models.Product{PartNumber: p.part, Description: p.desc, Category: p.category, LicenseType: p.kind})
	}
	if err := l.tx.Clauses(doNothing("part_number")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert products: %w", err)
	}
	var err error
	l.productIDs, err = l.ids(&models.Product{}, "part_number", keysOf(products, func(p productSpec) string { return p.part }))
	return err
}

// prices upserts every product's price in every currency at every level.
func (l *loader) prices() error {
	rows := make([]models.Price, 0, len(products)*len(currencies)*len(priceLevels))
	for _, p := range products {
		for _, c := range currencies {
			for _, lv := range priceLevels {
				rows = append(rows, models.Price{
					ProductID: l.productIDs[p.part], Currency: c.code, PriceLevel: lv.level,
					UnitMinor: unitMinor(p.usdCents, lv.bp, c.num, c.den, c.step),
				})
			}
		}
	}
	upsert := clause.OnConflict{
		Columns:   []clause.Column{{Name: "product_id"}, {Name: "currency"}, {Name: "price_level"}},
		DoUpdates: clause.AssignmentColumns([]string{"unit_minor"}),
	}
	if err := l.tx.Clauses(upsert).CreateInBatches(&rows, 500).Error; err != nil {
		return fmt.Errorf("upsert prices: %w", err)
	}
	return nil
}

func (l *loader) coverages() error {
	bySite := make(map[string]siteSpec, len(sites))
	for _, s := range sites {
		bySite[s.number] = s
	}
	rows := make([]models.Coverage, 0, len(coverages))
	for _, c := range coverages {
		end := l.day.AddDate(0, 0, expressCoverageIn)
		if a := bySite[c.site].agreement; a != "" {
			end = l.anniversaries[a]
		}
		rows = append(rows, models.Coverage{
			SiteID: l.siteIDs[c.site], ProductID: l.productIDs[c.part], Quantity: c.quantity, EndDate: end,
		})
	}
	if err := l.tx.Clauses(doNothing("site_id", "product_id")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert coverages: %w", err)
	}
	return nil
}

func (l *loader) summary() (Summary, error) {
	var s Summary
	count := func(model any, dst *int, query string, args ...any) error {
		var n int64
		if err := l.tx.Model(model).Where(query, args...).Count(&n).Error; err != nil {
			return fmt.Errorf("count %T where %s: %w", model, query, err)
		}
		*dst = int(n)
		return nil
	}
	siteIDs := make([]int64, 0, len(l.siteIDs))
	for _, id := range l.siteIDs {
		siteIDs = append(siteIDs, id)
	}
	productIDs := make([]int64, 0, len(l.productIDs))
	for _, id := range l.productIDs {
		productIDs = append(productIDs, id)
	}
	for _, c := range []func() error{
		func() error {
			return count(&models.Customer{}, &s.Customers, "customer_number IN ?", keysOf(customers, func(c customerSpec) string { return c.number }))
		},
		func() error {
			return count(&models.Site{}, &s.Sites, "site_number IN ?", keysOf(sites, func(s siteSpec) string { return s.number }))
		},
		func() error {
			return count(&models.User{}, &s.Users, "email IN ?", keysOf(people, func(p person) string { return p.email }))
		},
		func() error {
			return count(&models.Product{}, &s.Products, "part_number IN ?", keysOf(products, func(p productSpec) string { return p.part }))
		},
		func() error {
			return count(&models.Coverage{}, &s.Coverages, "site_id IN ? AND product_id IN ?", siteIDs, productIDs)
		},
	} {
		if err := c(); err != nil {
			return Summary{}, err
		}
	}
	return s, nil
}
