package seed_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// tables are every table the dataset writes to (and the audit log, which it
// must not).
var tables = []string{
	"customers", "agreements", "sites", "users", "site_contacts", "site_access",
	"support_access", "products", "prices", "coverages", "audit_log",
}

func counts(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, tbl := range tables {
		var n int64
		if err := db.Table(tbl).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		out[tbl] = n
	}
	return out
}

func scalar[T any](t *testing.T, db *gorm.DB, query string, args ...any) T {
	t.Helper()
	var v T
	if err := db.Raw(query, args...).Scan(&v).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

func TestLoad(t *testing.T) {
	db := testenv.DB(t)
	ctx := context.Background()
	// Evening in Jakarta: the date that counts is the 15th, in today's own zone.
	today := time.Date(2026, 3, 15, 21, 30, 0, 0, time.FixedZone("WIB", 7*3600))
	day := "2026-03-15"

	sum, err := seed.Load(ctx, db, today)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := seed.Summary{Customers: 5, Sites: 7, Users: len(seed.DemoUsers()), Products: 15, Coverages: 14}
	if sum != want {
		t.Errorf("Summary = %+v, want %+v", sum, want)
	}
	first := counts(t, db)
	for tbl, got := range map[string]int64{
		"customers": int64(want.Customers), "sites": int64(want.Sites), "users": int64(want.Users),
		"products": int64(want.Products), "coverages": int64(want.Coverages), "audit_log": 0,
	} {
		if first[tbl] != got {
			t.Errorf("%s: %d rows, want %d", tbl, first[tbl], got)
		}
	}

	t.Run("sites", func(t *testing.T) {
		for kind, n := range map[models.SiteKind]int64{models.SiteOrigin: 4, models.SiteAdditional: 2, models.SiteExpress: 1} {
			if got := scalar[int64](t, db, "SELECT count(*) FROM sites WHERE kind = ?", kind); got != n {
				t.Errorf("%s sites: %d, want %d", kind, got, n)
			}
		}
		if n := scalar[int64](t, db, "SELECT count(*) FROM agreements"); n != 4 {
			t.Errorf("agreements: %d, want 4", n)
		}
		levels := scalar[int64](t, db, "SELECT count(DISTINCT volume_level) FROM agreements")
		if levels < 3 {
			t.Errorf("agreements use %d volume levels, want >= 3", levels)
		}
		if n := scalar[int64](t, db, "SELECT count(*) FROM sites WHERE country = 'ID' AND currency = 'IDR'"); n < 2 {
			t.Errorf("Indonesian sites: %d, want >= 2", n)
		}
		var noPrimary []string
		if err := db.Raw(`SELECT s.site_number FROM sites s WHERE (SELECT count(*) FROM site_contacts c
			WHERE c.site_id = s.id AND c.role = 'primary') <> 1`).Scan(&noPrimary).Error; err != nil {
			t.Fatal(err)
		}
		if len(noPrimary) > 0 {
			t.Errorf("sites without exactly one Primary Contact: %v", noPrimary)
		}
		var noSTC []string
		if err := db.Raw(`SELECT DISTINCT s.site_number FROM coverages v JOIN sites s ON s.id = v.site_id
			WHERE NOT EXISTS (SELECT 1 FROM site_contacts c WHERE c.site_id = s.id AND c.role = 'technical')`).Scan(&noSTC).Error; err != nil {
			t.Fatal(err)
		}
		if len(noSTC) > 0 {
			t.Errorf("sites with S&S coverage but no STC (A3): %v", noSTC)
		}
	})

	t.Run("solo site", func(t *testing.T) {
		var roles []string
		if err := db.Raw(`SELECT c.role FROM site_contacts c JOIN sites s ON s.id = c.site_id
			JOIN users u ON u.id = c.user_id WHERE s.site_number = '300302' AND u.email = 'solo@brightwell.example.com'`).Scan(&roles).Error; err != nil {
			t.Fatal(err)
		}
		n := scalar[int64](t, db, `SELECT count(*) FROM site_contacts c JOIN sites s ON s.id = c.site_id WHERE s.site_number = '300302'`)
		if n != 1 || !slices.Equal(roles, []string{"primary"}) {
			t.Errorf("site 300302: %d contact rows, solo's roles %v; want exactly one, primary", n, roles)
		}
	})

	t.Run("acme origin contacts", func(t *testing.T) {
		var roles []string
		if err := db.Raw(`SELECT DISTINCT c.role FROM site_contacts c JOIN sites s ON s.id = c.site_id
			WHERE s.site_number = '300001' ORDER BY 1`).Scan(&roles).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range models.ContactRoles {
			if !slices.Contains(roles, string(r)) {
				t.Errorf("site 300001 has no %s contact (roles %v)", r, roles)
			}
		}
		sec := scalar[int64](t, db, `SELECT count(*) FROM site_contacts c JOIN sites s ON s.id = c.site_id
			WHERE s.site_number = '300001' AND c.role = 'secondary'`)
		if sec < 2 || sec > models.MaxSecondaryContacts {
			t.Errorf("site 300001 has %d secondary contacts, want 2..%d", sec, models.MaxSecondaryContacts)
		}
		multi := scalar[int64](t, db, `SELECT count(*) FROM (SELECT c.user_id FROM site_contacts c
			JOIN sites s ON s.id = c.site_id WHERE s.site_number = '300001' GROUP BY c.user_id HAVING count(*) > 1) x`)
		if multi == 0 {
			t.Error("nobody holds several roles on site 300001")
		}
	})

	t.Run("privileges", func(t *testing.T) {
		var orphans []string
		if err := db.Raw(`SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
			WHERE NOT EXISTS (SELECT 1 FROM site_access a WHERE a.site_id = c.site_id AND a.user_id = c.user_id)`).Scan(&orphans).Error; err != nil {
			t.Fatal(err)
		}
		if len(orphans) > 0 {
			t.Errorf("contacts without site access: %v", orphans)
		}
		priv := func(site, email string) models.Privileges {
			t.Helper()
			var a models.SiteAccess
			if err := db.Raw(`SELECT a.* FROM site_access a JOIN sites s ON s.id = a.site_id JOIN users u ON u.id = a.user_id
				WHERE s.site_number = ? AND u.email = ?`, site, email).Scan(&a).Error; err != nil {
				t.Fatal(err)
			}
			if a.SiteID == 0 {
				t.Fatalf("%s has no access to site %s", email, site)
			}
			return a.Privileges()
		}
		var primaries []struct{ Site, Email string }
		if err := db.Raw(`SELECT s.site_number AS site, u.email FROM site_contacts c JOIN sites s ON s.id = c.site_id
			JOIN users u ON u.id = c.user_id WHERE c.role = 'primary'`).Scan(&primaries).Error; err != nil {
			t.Fatal(err)
		}
		for _, p := range primaries {
			if got := priv(p.Site, p.Email); got != models.PrimaryPrivileges {
				t.Errorf("Primary %s of %s holds %v, want PrimaryPrivileges", p.Email, p.Site, got.Named())
			}
		}
		if got := priv("300001", "bob@acme.example.com"); got.Documents != models.LevelView || got.Software != models.SoftwareFull {
			t.Errorf("bob (Administrative) holds %v", got.Named())
		}
		if got := priv("300001", "carol@acme.example.com"); got.Software != models.SoftwareDownloadsMedia || got.Entitlements != models.LevelUpdate {
			t.Errorf("carol (STC) holds %v", got.Named())
		}
		if got := priv("300001", "grace@acme.example.com"); got.ManageAccess != models.LevelUpdate || got == models.PrimaryPrivileges {
			t.Errorf("grace (delegate) holds %v", got.Named())
		}
		if got := priv("300001", "erin@acme.example.com"); got != (models.Privileges{Software: models.SoftwareDownloads}) {
			t.Errorf("erin (plain user) holds %v", got.Named())
		}
		for _, tbl := range []string{"site_access", "site_contacts", "support_access"} {
			n := scalar[int64](t, db, "SELECT count(*) FROM "+tbl+" x JOIN users u ON u.id = x.user_id WHERE u.email = 'frank@newcomer.example.com'")
			if n != 0 {
				t.Errorf("frank has %d %s rows, want none", n, tbl)
			}
		}
		for _, e := range []string{"ops@ibm.example.com", "sales@ibm.example.com", "renewals@ibm.example.com"} {
			n := scalar[int64](t, db, "SELECT count(*) FROM site_access a JOIN users u ON u.id = a.user_id WHERE u.email = ?", e)
			if n != 0 {
				t.Errorf("IBM staff %s has site access", e)
			}
		}
	})

	t.Run("support access", func(t *testing.T) {
		var missing []string
		if err := db.Raw(`SELECT s.site_number || ' ' || u.email FROM site_contacts c JOIN sites s ON s.id = c.site_id
			JOIN users u ON u.id = c.user_id WHERE c.role = 'technical' AND NOT EXISTS (
			SELECT 1 FROM support_access x WHERE x.customer_id = s.customer_id AND x.user_id = c.user_id AND x.level = ?)`,
			models.SupportAdmin).Scan(&missing).Error; err != nil {
			t.Fatal(err)
		}
		if len(missing) > 0 {
			t.Errorf("STCs not support administrators of their customer: %v", missing)
		}
		var levels []int16
		if err := db.Raw("SELECT DISTINCT level FROM support_access ORDER BY 1").Scan(&levels).Error; err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(levels, []int16{0, 1, 2, 3}) {
			t.Errorf("support levels used: %v, want all of none..administrator", levels)
		}
	})

	t.Run("catalog", func(t *testing.T) {
		var types []string
		if err := db.Raw("SELECT DISTINCT license_type FROM products ORDER BY 1").Scan(&types).Error; err != nil {
			t.Fatal(err)
		}
		for _, lt := range []models.LicenseType{models.LicenseAndSS, models.SSRenewal, models.SSReinstatement, models.LicenseTypeMedia} {
			if !slices.Contains(types, string(lt)) {
				t.Errorf("no product of licence type %s", lt)
			}
		}
		if n := scalar[int64](t, db, "SELECT count(DISTINCT category) FROM products"); n < 4 {
			t.Errorf("%d categories, want >= 4", n)
		}
		levels := []string{"BL", "D", "E", "GV", seed.PriceLevelExpress}
		for _, cur := range []string{"USD", "EUR", "GBP", "IDR"} {
			for _, lv := range levels {
				n := scalar[int64](t, db, `SELECT count(*) FROM products p WHERE NOT EXISTS (
					SELECT 1 FROM prices x WHERE x.product_id = p.id AND x.currency = ? AND x.price_level = ?)`, cur, lv)
				if n != 0 {
					t.Errorf("%d products have no %s price at level %s", n, cur, lv)
				}
			}
			bad := scalar[int64](t, db, `SELECT count(*) FROM products p
				JOIN prices bl ON bl.product_id = p.id AND bl.currency = ? AND bl.price_level = 'BL'
				JOIN prices d  ON d.product_id = p.id AND d.currency = bl.currency AND d.price_level = 'D'
				JOIN prices e  ON e.product_id = p.id AND e.currency = bl.currency AND e.price_level = 'E'
				JOIN prices gv ON gv.product_id = p.id AND gv.currency = bl.currency AND gv.price_level = 'GV'
				WHERE NOT (bl.unit_minor > d.unit_minor AND d.unit_minor > e.unit_minor AND e.unit_minor > gv.unit_minor AND gv.unit_minor > 0)`, cur)
			if bad != 0 {
				t.Errorf("%s: %d products whose prices do not decrease BL > D > E > GV", cur, bad)
			}
		}
		if n := scalar[int64](t, db, "SELECT count(*) FROM prices WHERE currency = 'IDR' AND unit_minor % 100 <> 0"); n != 0 {
			t.Errorf("%d IDR prices are not whole rupiah", n)
		}
		usd := scalar[int64](t, db, `SELECT x.unit_minor FROM prices x JOIN products p ON p.id = x.product_id
			WHERE p.part_number = 'E0MQ2LL' AND x.currency = 'USD' AND x.price_level = 'BL'`)
		if usd != 4900 {
			t.Errorf("E0MQ2LL USD BL = %d minor units, want 4900", usd)
		}
	})

	t.Run("coverage", func(t *testing.T) {
		var offsets []int
		if err := db.Raw("SELECT DISTINCT end_date - CAST(? AS date) FROM coverages ORDER BY 1", day).Scan(&offsets).Error; err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(offsets, []int{10, 45, 80, 110, 200}) {
			t.Errorf("coverage ends at today+%v days, want today+[10 45 80 110 200]", offsets)
		}
		off := scalar[int64](t, db, `SELECT count(*) FROM coverages v JOIN sites s ON s.id = v.site_id
			JOIN agreements a ON a.id = s.agreement_id WHERE v.end_date <> a.anniversary`)
		if off != 0 {
			t.Errorf("%d coverages do not end at their agreement anniversary", off)
		}
		notSS := scalar[int64](t, db, `SELECT count(*) FROM coverages v JOIN products p ON p.id = v.product_id
			WHERE p.license_type <> ?`, models.SSRenewal)
		if notSS != 0 {
			t.Errorf("%d coverages are not on S&S renewal parts", notSS)
		}
		if n := scalar[int64](t, db, "SELECT count(DISTINCT site_id) FROM coverages"); n < 5 {
			t.Errorf("coverage on %d sites, want >= 5", n)
		}
	})

	t.Run("demo users", func(t *testing.T) {
		users := seed.DemoUsers()
		seen := map[string]bool{}
		for _, u := range users {
			if seen[u.Email] {
				t.Errorf("duplicate demo user %s", u.Email)
			}
			seen[u.Email] = true
			if u.Name == "" || u.Description == "" {
				t.Errorf("demo user %s lacks a name or description", u.Email)
			}
			for _, r := range u.Roles {
				if !slices.Contains(auth.StaffRoles, r) {
					t.Errorf("demo user %s has unknown role %q", u.Email, r)
				}
			}
			if n := scalar[int64](t, db, "SELECT count(*) FROM users WHERE email = ?", u.Email); n != 1 {
				t.Errorf("demo user %s: %d users rows, want 1", u.Email, n)
			}
		}
		for _, r := range auth.StaffRoles {
			if !slices.ContainsFunc(users, func(u seed.DemoUser) bool { return slices.Contains(u.Roles, r) }) {
				t.Errorf("no demo user holds role %s", r)
			}
		}
		for _, e := range []string{"alice@acme.example.com", "bob@acme.example.com", "carol@acme.example.com",
			"erin@acme.example.com", "grace@acme.example.com", "frank@newcomer.example.com", "ops@ibm.example.com"} {
			if !seen[e] {
				t.Errorf("DemoUsers lacks %s", e)
			}
		}
		again := seed.DemoUsers()
		for i := range users {
			if again[i].Email != users[i].Email {
				t.Fatalf("DemoUsers order is not stable: %s then %s at %d", users[i].Email, again[i].Email, i)
			}
		}
	})

	t.Run("second load changes nothing", func(t *testing.T) {
		// Changes made through the API survive a reload.
		if err := db.Exec(`UPDATE site_access SET software = ? WHERE user_id = (SELECT id FROM users WHERE email = 'erin@acme.example.com')`,
			models.SoftwareDownloadsMedia).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(`DELETE FROM site_contacts WHERE role = 'billing' AND site_id = (SELECT id FROM sites WHERE site_number = '300001')`).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(`INSERT INTO site_contacts (site_id, role, user_id) SELECT s.id, 'billing', u.id
			FROM sites s, users u WHERE s.site_number = '300001' AND u.email = 'alice@acme.example.com'`).Error; err != nil {
			t.Fatal(err)
		}
		before := counts(t, db)
		// A later day: the first load's dates are kept.
		sum2, err := seed.Load(ctx, db, today.AddDate(0, 0, 3))
		if err != nil {
			t.Fatalf("second Load: %v", err)
		}
		if sum2 != sum {
			t.Errorf("second Summary = %+v, want %+v", sum2, sum)
		}
		after := counts(t, db)
		for _, tbl := range tables {
			if before[tbl] != after[tbl] {
				t.Errorf("%s: %d rows after the second load, %d before", tbl, after[tbl], before[tbl])
			}
		}
		if sw := scalar[int64](t, db, `SELECT software FROM site_access WHERE user_id = (SELECT id FROM users WHERE email = 'erin@acme.example.com')`); sw != int64(models.SoftwareDownloadsMedia) {
			t.Errorf("erin's software level was reset to %d", sw)
		}
		billing := scalar[string](t, db, `SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
			JOIN sites s ON s.id = c.site_id WHERE s.site_number = '300001' AND c.role = 'billing'`)
		if billing != "alice@acme.example.com" {
			t.Errorf("billing contact of 300001 is %s after reload, want alice (changed through the API)", billing)
		}
		var offsets []int
		if err := db.Raw("SELECT DISTINCT end_date - CAST(? AS date) FROM coverages ORDER BY 1", day).Scan(&offsets).Error; err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(offsets, []int{10, 45, 80, 110, 200}) {
			t.Errorf("after reload coverage ends at today+%v days", offsets)
		}
	})
}

// TestLoadCancelled: a cancelled context loads nothing.
func TestLoadCancelled(t *testing.T) {
	db := testenv.DB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := seed.Load(ctx, db, time.Now()); err == nil {
		t.Fatal("Load with a cancelled context succeeded")
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM customers"); n != 0 {
		t.Errorf("%d customers after a cancelled load", n)
	}
}
