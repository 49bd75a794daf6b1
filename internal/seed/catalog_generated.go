package seed

import (
	"context"
	"fmt"
	"slices"

	"github.com/lib/pq"
	"gorm.io/gorm"
)

// DemoCatalogSize is the number of generated products `pao seed` and
// `pao dev` add to the hand-written ones (issue 9: a realistic catalog of
// at least 5,000 products).
const DemoCatalogSize = 6000

// The generated catalog is offerings of product families: each offering
// (family × edition × metric × deployment) comes as its four parts, as IBM
// sells them: licence + S&S, S&S renewal, S&S reinstatement and a media
// pack. Everything follows from the product's ordinal g, so the same n
// gives the same rows and a larger n adds to a smaller one.
type family struct {
	name, category string
	usdCents       int64 // list price of the base licence + S&S part
}

var families = []family{
	{"Db2", "Data & AI", 640_000},
	{"Db2 Warehouse", "Data & AI", 1_180_000},
	{"Db2 Big SQL", "Data & AI", 920_000},
	{"Informix", "Data & AI", 710_000},
	{"Netezza Performance Server", "Data & AI", 2_400_000},
	{"Cognos Analytics", "Data & AI", 86_000},
	{"Planning Analytics", "Data & AI", 132_000},
	{"SPSS Modeler", "Data & AI", 410_000},
	{"DataStage", "Data & AI", 1_020_000},
	{"InfoSphere Information Server", "Data & AI", 1_350_000},
	{"Cloud Pak for Data", "Data & AI", 1_900_000},
	{"watsonx.ai", "Data & AI", 560_000},
	{"Decision Optimization", "Data & AI", 380_000},
	{"Security QRadar SOAR", "Security", 1_560_000},
	{"Security Guardium Data Protection", "Security", 1_240_000},
	{"Security Verify Access", "Security", 47_000},
	{"Security Verify Privilege Vault", "Security", 52_000},
	{"Security MaaS360", "Security", 6_500},
	{"Cloud Pak for Security", "Security", 1_700_000},
	{"Business Automation Workflow", "Automation", 780_000},
	{"Operational Decision Manager", "Automation", 690_000},
	{"Robotic Process Automation", "Automation", 240_000},
	{"FileNet Content Manager", "Automation", 560_000},
	{"Content Manager OnDemand", "Automation", 470_000},
	{"Datacap", "Automation", 330_000},
	{"Instana Observability", "Automation", 29_000},
	{"Turbonomic Application Resource Management", "Automation", 34_000},
	{"Workload Scheduler", "Automation", 260_000},
	{"WebSphere Application Server", "Infrastructure", 23_000},
	{"WebSphere Application Server Network Deployment", "Infrastructure", 41_000},
	{"WebSphere Liberty", "Infrastructure", 12_500},
	{"MQ Appliance", "Infrastructure", 3_100_000},
	{"CICS Transaction Server for z/OS", "Infrastructure", 4_800_000},
	{"z/OS Connect", "Infrastructure", 1_100_000},
	{"App Connect Enterprise", "Integration", 62_000},
	{"API Connect", "Integration", 88_000},
	{"Cloud Pak for Integration", "Integration", 1_450_000},
	{"Sterling B2B Integrator", "Integration", 960_000},
	{"Sterling Order Management", "Integration", 1_320_000},
	{"Aspera High-Speed Transfer Server", "Integration", 210_000},
	{"Event Streams", "Integration", 74_000},
	{"Storage Protect", "Storage", 18_000},
	{"Storage Scale", "Storage", 27_000},
	{"Storage Defender", "Storage", 31_000},
	{"Maximo Application Suite", "Asset Management", 145_000},
	{"TRIRIGA Application Platform", "Asset Management", 98_000},
	{"Envizi ESG Suite", "Sustainability", 215_000},
	{"Engineering Lifecycle Management", "Software Development", 58_000},
	{"Rational Test Workbench", "Software Development", 44_000},
	{"Developer for z/OS", "Software Development", 67_000},
	{"Z Development and Test Environment", "Software Development", 390_000},
	{"OpenPages with Watson", "Governance, Risk & Compliance", 540_000},
}

// editions and metrics scale the family's price, in percent.
var editions = []struct {
	name string
	pct  int64
}{
	{"Standard", 100}, {"Advanced", 180}, {"Enterprise", 260}, {"Developer", 15}, {"Express", 45},
	{"Essentials", 60}, {"Premium", 320}, {"Base", 80}, {"Extended", 140},
}

var metrics = []struct {
	name string
	pct  int64
}{
	{"Processor Value Unit", 100}, {"Virtual Processor Core", 450}, {"Authorized User", 12}, {"Concurrent User", 30},
	{"Install", 900}, {"Resource Value Unit", 70}, {"Managed Virtual Server", 160}, {"Client Device", 5},
	{"Terabyte", 240}, {"Monthly Active User", 2}, {"Floating User", 25}, {"Simultaneous Session", 40},
	{"Application Instance", 520}, {"Gigabyte", 9},
}

// deployments distinguish offerings of the same family, edition and metric.
var deployments = []string{
	"", "for Non-Production Environment", "Sub-Capacity", "for Linux on IBM Z", "Fixed Term",
	"Hybrid Cloud", "for Containers", "Departmental",
}

// mediaPlatforms are the platforms of the media packs.
var mediaPlatforms = []string{"Multiplatform", "for Linux on x86", "for AIX", "for Linux on IBM Z", "for Windows", "eAssembly"}

// Holes in the price list: every porEvery-th generated product has no
// price at all and every noIDREvery-th none in IDR, so the catalog shows
// "price on request" (a quote is needed) as the real one does.
const (
	porEvery   = 97
	noIDREvery = 89
)

// generatedLevels are the price levels in use by the demo sites (their
// agreements' volume levels and Express) and the list level BL.
func generatedLevels() (names []string, bps []int64) {
	inUse := []string{"BL", PriceLevelExpress}
	for _, a := range agreements {
		inUse = append(inUse, a.level)
	}
	for _, lv := range priceLevels {
		if slices.Contains(inUse, lv.level) {
			names, bps = append(names, lv.level), append(bps, lv.bp)
		}
	}
	return names, bps
}

// LoadCatalog adds the first n generated products with their prices in
// USD, EUR, GBP and IDR at the price levels in use (same conversion and
// rounding as the hand-written products), keyed by part number like Load:
// a second call adds nothing and only upserts prices. Products are
// inserted grouped by category and family, as a real catalog grows (a
// family's parts are announced together), so they share pages as they
// would there. Set-based SQL (one
// INSERT … SELECT over generate_series for the products, one for the
// prices), then VACUUM and ANALYZE, so 100,000 products take seconds. It returns how
// many of the n are in the catalog.
func LoadCatalog(ctx context.Context, db *gorm.DB, n int) (int, error) {
	if n < 0 || n > 1_000_000 {
		return 0, fmt.Errorf("generated catalog of %d products: out of range", n)
	}
	var present int
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := generate(tx, n); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO products (part_number, description, category, license_type)
			SELECT part_number, description, category, license_type FROM generated_catalog ORDER BY category, family, g
			ON CONFLICT (part_number) DO NOTHING`).Error; err != nil {
			return fmt.Errorf("insert generated products: %w", err)
		}
		if err := priceGenerated(tx); err != nil {
			return err
		}
		return tx.Raw(`SELECT count(*) FROM products p JOIN generated_catalog g USING (part_number)`).Scan(&present).Error
	})
	if err != nil {
		return 0, fmt.Errorf("load generated catalog: %w", err)
	}
	// Statistics for the planner, and the visibility map so the category
	// counts are an index-only scan (autovacuum would get there later).
	for _, stmt := range []string{`VACUUM (ANALYZE) products`, `ANALYZE prices`} {
		if err := db.WithContext(ctx).Exec(stmt).Error; err != nil {
			return 0, fmt.Errorf("load generated catalog: %s: %w", stmt, err)
		}
	}
	return present, nil
}

// generate creates the temporary table generated_catalog (dropped at
// commit) holding the first n generated products.
func generate(tx *gorm.DB, n int) error {
	var (
		famNames, famCats, edNames, metNames pq.StringArray
		famCents, edPcts, metPcts            pq.Int64Array
	)
	for _, f := range families {
		famNames, famCats, famCents = append(famNames, f.name), append(famCats, f.category), append(famCents, f.usdCents)
	}
	for _, e := range editions {
		edNames, edPcts = append(edNames, e.name), append(edPcts, e.pct)
	}
	for _, m := range metrics {
		metNames, metPcts = append(metNames, m.name), append(metPcts, m.pct)
	}
	// g → offering k and part kind t (0 licence + S&S, 1 renewal, 2
	// reinstatement, 3 media). The offering's combination c is a bijection
	// of k (10007 is prime to the number of combinations), read in mixed
	// radix as family, edition, metric and deployment: every offering
	// differs up to that number, and a small catalog samples them all. The
	// part number is a prefix by kind, five base-36 digits of a bijection of
	// g (16777619 is prime to 36^5, so no two products below 36^5 share them)
	// and a suffix: 8 characters, never one of the hand-written
	// 7-character part numbers.
	nf, ne, nm, nd := len(families), len(editions), len(metrics), len(deployments)
	// Positional parameters ($n): GORM's named ones end only at a space,
	// so they cannot be followed by a cast or a bracket.
	_, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, `CREATE TEMPORARY TABLE generated_catalog ON COMMIT DROP AS
WITH g AS (
	SELECT g, (g - 1) / 4 AS k, (g - 1) % 4 AS t,
		(g::bigint * 16777619 + 104729) % 60466176 AS code,
		((g - 1) / 4)::bigint * 10007 % ($2::bigint * $3::bigint * $4::bigint * $5::bigint) AS c
	FROM generate_series(1, $1::int) AS g
), o AS (
	SELECT g, k, t, code,
		($7::text[])[1 + c % $2::bigint] AS fam, ($8::text[])[1 + c % $2::bigint] AS cat, ($9::bigint[])[1 + c % $2::bigint] AS fam_cents,
		($10::text[])[1 + c / $2::bigint % $3::bigint] AS ed, ($11::bigint[])[1 + c / $2::bigint % $3::bigint] AS ed_pct,
		($12::text[])[1 + c / ($2::bigint * $3::bigint) % $4::bigint] AS met, ($13::bigint[])[1 + c / ($2::bigint * $3::bigint) % $4::bigint] AS met_pct,
		($14::text[])[1 + c / ($2::bigint * $3::bigint * $4::bigint) % $5::bigint] AS dep,
		($15::text[])[1 + k % $6::bigint] AS platform
	FROM g
)
SELECT g, fam AS family,
	(ARRAY['D','E','D','B'])[t + 1] ||
		(SELECT string_agg(substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', ((code / (36::bigint ^ i)::bigint) % 36)::int + 1, 1), '' ORDER BY i DESC)
		 FROM generate_series(0, 4) AS i) ||
		(ARRAY['LL','LL','RL','EN'])[t + 1] AS part_number,
	CASE t
		WHEN 3 THEN concat_ws(' ', 'IBM', fam, ed, 'Edition', (9 + k % 5) || '.' || (k % 4), platform, 'Media Pack')
		ELSE concat_ws(' ', 'IBM', fam, ed, 'Edition', met, NULLIF(dep, ''),
			(ARRAY['License + SW Subscription & Support 12 Months', 'Annual SW Subscription & Support Renewal',
				'SW Subscription & Support Reinstatement 12 Months'])[t + 1])
	END AS description,
	cat AS category,
	(ARRAY['license_ss','ss_renewal','ss_reinstatement','media'])[t + 1] AS license_type,
	CASE t
		WHEN 3 THEN 5000 + (k % 9) * 500
		ELSE greatest(fam_cents * ed_pct / 100 * met_pct / 100 / 100 * 100, 2500) * (ARRAY[100, 20, 30])[t + 1] / 100
	END AS usd_cents
FROM o`,
		n, nf, ne, nm, nd, len(mediaPlatforms),
		famNames, famCats, famCents, edNames, edPcts,
		metNames, metPcts, pq.StringArray(deployments), pq.StringArray(mediaPlatforms))
	if err != nil {
		return fmt.Errorf("generate the catalog: %w", err)
	}
	return nil
}

// priceGenerated upserts the prices of the generated products, leaving the
// holes of porEvery and noIDREvery.
func priceGenerated(tx *gorm.DB) error {
	var (
		codes          pq.StringArray
		nums, dens, st pq.Int64Array
	)
	for _, c := range currencies {
		codes, nums, dens, st = append(codes, c.code), append(nums, c.num), append(dens, c.den), append(st, c.step)
	}
	levels, bps := generatedLevels()
	err := tx.Exec(`INSERT INTO prices (product_id, currency, price_level, unit_minor)
SELECT p.id, c.code, l.level,
	(gc.usd_cents * (10000 - l.bp) * c.num + 10000 * c.den * c.step / 2) / (10000 * c.den * c.step) * c.step
FROM generated_catalog gc
JOIN products p USING (part_number)
CROSS JOIN unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) AS c(code, num, den, step)
CROSS JOIN unnest(?::text[], ?::bigint[]) AS l(level, bp)
WHERE gc.g % ? <> 0 AND NOT (c.code = 'IDR' AND gc.g % ? = 0)
ORDER BY p.id, c.code, l.level
ON CONFLICT (product_id, currency, price_level) DO UPDATE SET unit_minor = EXCLUDED.unit_minor
	WHERE prices.unit_minor IS DISTINCT FROM EXCLUDED.unit_minor`,
		codes, nums, dens, st, pq.StringArray(levels), pq.Int64Array(bps), porEvery, noIDREvery).Error
	if err != nil {
		return fmt.Errorf("price the generated catalog: %w", err)
	}
	return nil
}
