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
package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
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

// person is a row of users plus its README description.
type person struct {
	email, name, company, phone string
	roles                       []string
	desc                        string
}

// people are the demo users, in the order DemoUsers lists them.
var people = []person{
	{"alice@acme.example.com", "Alice Anderson", "Acme Corporation", "+1 512 555 0101", nil,
		"Primary Contact of site 300001 (Acme origin, agreement 2000001, level E, USD): all tools incl. account management; approves self-nominations and grants privileges; receives agreement changes; support full on customer 1000001"},
	{"bob@acme.example.com", "Bob Baker", "Acme Corporation", "+1 512 555 0102", nil,
		"Administrative (Proof of Entitlement) and S&S renewal contact of site 300001, Administrative Contact of 300002: software full (quotes, catalog, cart, renewals), reporting and documents view; receives renewal notices and PoEs; support basic"},
	{"carol@acme.example.com", "Carol Chen", "Acme Corporation", "+1 512 555 0103", nil,
		"Site Technical Contact of sites 300001 and 300002, media delivery contact of 300001: software downloads + media, entitlements update, reporting view; support administrator of customer 1000001 (approves support access requests)"},
	{"dave@acme.example.com", "Dave Dunn", "Acme Corporation", "+1 512 555 0104", nil,
		"Secondary Contact of site 300001: software downloads, reporting and entitlements view; receives escalated self-nominations; support basic"},
	{"grace@acme.example.com", "Grace Green", "Acme Corporation", "+1 512 555 0105", nil,
		"Secondary Contact and access delegate of site 300001: manage access = update (approves self-nominations, grants up to her own levels) without being Primary; software full, contact update view; support full"},
	{"henry@acme.example.com", "Henry Hill", "Acme Corporation", "+1 512 555 0106", nil,
		"Billing contact of site 300001: receives invoices; reporting and documents view; no support access"},
	{"erin@acme.example.com", "Erin Evans", "Acme Corporation", "+1 512 555 0107", nil,
		"Plain site user of site 300001: software downloads only; no support access"},
	{"heidi@acme.example.com", "Heidi Vogel", "Acme Europe GmbH", "+49 69 5550 2001", nil,
		"Primary Contact of site 300002 (Acme additional site, Frankfurt, EUR): all tools on 300002 only; support full on customer 1000001"},
	{"budi@nusantara.example.com", "Budi Santoso", "PT Nusantara Data Teknologi", "+62 21 5550 3001", nil,
		"Primary Contact of site 300101 (PT Nusantara origin, Jakarta, agreement 2000002, level D, IDR; S&S due in 10 days): all tools; support full on customer 1000002"},
	{"siti@nusantara.example.com", "Siti Rahayu", "PT Nusantara Data Teknologi", "+62 21 5550 3002", nil,
		"Administrative, S&S renewal and billing contact of site 300101: software full (quotes, cart, renewals), reporting and documents view; support basic"},
	{"dewi@nusantara.example.com", "Dewi Lestari", "PT Nusantara Data Teknologi", "+62 21 5550 3003", nil,
		"Site Technical Contact and media delivery contact of site 300101: software downloads + media, entitlements update; support administrator of customer 1000002"},
	{"rina@banksejahtera.example.com", "Rina Wijaya", "PT Bank Sejahtera Indonesia Tbk", "+62 21 5550 4001", nil,
		"Primary Contact of site 300201 (Bank Sejahtera origin, Jakarta, agreement 2000003, level GV, IDR; S&S due in 80 days): all tools; support full on customer 1000003"},
	{"agus@banksejahtera.example.com", "Agus Pratama", "PT Bank Sejahtera Indonesia Tbk", "+62 21 5550 4002", nil,
		"Administrative Contact and Site Technical Contact of site 300201: software full, entitlements update, reporting and documents view; support administrator of customer 1000003"},
	{"putri@banksejahtera.example.com", "Putri Maharani", "PT Bank Sejahtera Indonesia Tbk", "+62 21 5550 4003", nil,
		"Secondary Contact of site 300201: reporting view only; support none (cannot see cases)"},
	{"ian@brightwell.example.com", "Ian Hughes", "Brightwell Retail Ltd", "+44 20 7946 0101", nil,
		"Primary Contact of site 300301 (Brightwell origin, London, agreement 2000004, level BL, GBP; S&S due in 110 days): all tools; support full on customer 1000004"},
	{"jack@brightwell.example.com", "Jack Turner", "Brightwell Retail Ltd", "+44 20 7946 0102", nil,
		"Site Technical Contact of site 300301: software downloads + media, entitlements update; support administrator of customer 1000004"},
	{"solo@brightwell.example.com", "Sinead Lowe", "Brightwell Retail Ltd", "+353 1 555 0101", nil,
		"Primary Contact and only contact of site 300302 (Brightwell additional site, Dublin, EUR; no coverage): all tools; receives every notice; support basic on customer 1000004"},
	{"made@kopikita.example.com", "Made Wirawan", "CV Kopi Kita Digital", "+62 361 555 0101", nil,
		"Primary Contact and Site Technical Contact of Express site 400001 (customer 1000005, Bali, IDR, EXPRESS price level; S&S due in 200 days): all tools; support administrator of customer 1000005"},
	{"frank@newcomer.example.com", "Frank Newman", "Newcomer Labs", "+1 415 555 0199", nil,
		"No access to any site: the self-nomination demo (e.g. request access to site 300001 of customer 1000001; alice or grace decides)"},
	{"ops@ibm.example.com", "Olivia Park", "IBM", "+1 914 555 0001", []string{auth.RoleIBMOps},
		"IBM operations (token role ibm-ops): IBM-side operator, e.g. confirms or rejects purchase orders; no customer site access"},
	{"sales@ibm.example.com", "Samuel Hartono", "IBM", "+62 21 5550 0002", []string{auth.RoleSalesRep},
		"IBM sales representative (token role sales-rep): answers quote requests with priced quotes and issues revised quotes after change requests"},
	{"renewals@ibm.example.com", "Rini Kusuma", "IBM", "+62 21 5550 0003", []string{auth.RoleRenewalRep},
		"IBM renewal representative (token role renewal-rep): issues revised renewal quotes after change requests and handles renewals placed through a rep"},
}

// DemoUsers lists the demo people (stable order).
func DemoUsers() []DemoUser {
	out := make([]DemoUser, 0, len(people))
	for _, p := range people {
		out = append(out, DemoUser{Email: p.email, Name: p.name, Roles: slices.Clone(p.roles), Description: p.desc})
	}
	return out
}

type customerSpec struct{ number, name string }

var customers = []customerSpec{
	{"1000001", "Acme Corporation"},
	{"1000002", "PT Nusantara Data Teknologi"},
	{"1000003", "PT Bank Sejahtera Indonesia Tbk"},
	{"1000004", "Brightwell Retail Ltd"},
	{"1000005", "CV Kopi Kita Digital"},
}

// agreementSpec: the anniversary is today plus anniversaryIn days, so the
// coverage of its sites (which ends at the anniversary) falls in a spread of
// renewal windows.
type agreementSpec struct {
	number, customer string
	anniversaryIn    int
	level            string
}

var agreements = []agreementSpec{
	{"2000001", "1000001", 45, "E"},
	{"2000002", "1000002", 10, "D"},
	{"2000003", "1000003", 80, "GV"},
	{"2000004", "1000004", 110, "BL"},
}

// expressCoverageIn is the end of the Express site's coverage, in days from
// today (an Express site has no agreement anniversary).
const expressCoverageIn = 200

type siteSpec struct {
	number, customer, agreement string // agreement "" for Express
	kind                        models.SiteKind
	name, country, currency     string
}

var sites = []siteSpec{
	{"300001", "1000001", "2000001", models.SiteOrigin, "Acme Corporation - Austin HQ", "US", "USD"},
	{"300002", "1000001", "2000001", models.SiteAdditional, "Acme Europe GmbH - Frankfurt", "DE", "EUR"},
	{"300101", "1000002", "2000002", models.SiteOrigin, "PT Nusantara Data Teknologi - Jakarta", "ID", "IDR"},
	{"300201", "1000003", "2000003", models.SiteOrigin, "PT Bank Sejahtera Indonesia - Kantor Pusat Jakarta", "ID", "IDR"},
	{"300301", "1000004", "2000004", models.SiteOrigin, "Brightwell Retail - London", "GB", "GBP"},
	{"300302", "1000004", "2000004", models.SiteAdditional, "Brightwell Retail - Dublin", "IE", "EUR"},
	{"400001", "1000005", "", models.SiteExpress, "CV Kopi Kita Digital - Denpasar", "ID", "IDR"},
}

type contactSpec struct {
	site  string
	role  models.ContactRole
	email string
}

var contacts = []contactSpec{
	// Acme origin: every A2 role filled, some people holding several.
	{"300001", models.RolePrimary, "alice@acme.example.com"},
	{"300001", models.RoleAdministrative, "bob@acme.example.com"},
	{"300001", models.RoleTechnical, "carol@acme.example.com"},
	{"300001", models.RoleSecondary, "dave@acme.example.com"},
	{"300001", models.RoleSecondary, "grace@acme.example.com"},
	{"300001", models.RoleRenewal, "bob@acme.example.com"},
	{"300001", models.RoleMedia, "carol@acme.example.com"},
	{"300001", models.RoleBilling, "henry@acme.example.com"},

	{"300002", models.RolePrimary, "heidi@acme.example.com"},
	{"300002", models.RoleAdministrative, "bob@acme.example.com"},
	{"300002", models.RoleTechnical, "carol@acme.example.com"},

	{"300101", models.RolePrimary, "budi@nusantara.example.com"},
	{"300101", models.RoleAdministrative, "siti@nusantara.example.com"},
	{"300101", models.RoleTechnical, "dewi@nusantara.example.com"},
	{"300101", models.RoleRenewal, "siti@nusantara.example.com"},
	{"300101", models.RoleMedia, "dewi@nusantara.example.com"},
	{"300101", models.RoleBilling, "siti@nusantara.example.com"},

	{"300201", models.RolePrimary, "rina@banksejahtera.example.com"},
	{"300201", models.RoleAdministrative, "agus@banksejahtera.example.com"},
	{"300201", models.RoleTechnical, "agus@banksejahtera.example.com"},
	{"300201", models.RoleSecondary, "putri@banksejahtera.example.com"},

	{"300301", models.RolePrimary, "ian@brightwell.example.com"},
	{"300301", models.RoleTechnical, "jack@brightwell.example.com"},

	// The Primary is the only contact of this site: it receives everything.
	{"300302", models.RolePrimary, "solo@brightwell.example.com"},

	{"400001", models.RolePrimary, "made@kopikita.example.com"},
	{"400001", models.RoleTechnical, "made@kopikita.example.com"},
}

// Privilege sets of the demo (B1).
var (
	privAdministrative = models.Privileges{Software: models.SoftwareFull, Reporting: models.LevelView, Documents: models.LevelView}
	privTechnical      = models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView, Entitlements: models.LevelUpdate}
	privAdminAndSTC    = privAdministrative.Max(privTechnical)
	privSecondary      = models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView, Entitlements: models.LevelView}
	privDelegate       = models.Privileges{
		Software: models.SoftwareFull, Reporting: models.LevelView, Entitlements: models.LevelView,
		ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelView, Documents: models.LevelView,
	}
	privBilling    = models.Privileges{Reporting: models.LevelView, Documents: models.LevelView}
	privDownloads  = models.Privileges{Software: models.SoftwareDownloads}
	privReportOnly = models.Privileges{Reporting: models.LevelView}
)

type accessSpec struct {
	site, email string
	priv        models.Privileges
}

// access: every contact and plain user has a row; every Primary holds
// models.PrimaryPrivileges.
var access = []accessSpec{
	{"300001", "alice@acme.example.com", models.PrimaryPrivileges},
	{"300001", "bob@acme.example.com", privAdministrative},
	{"300001", "carol@acme.example.com", privTechnical},
	{"300001", "dave@acme.example.com", privSecondary},
	{"300001", "grace@acme.example.com", privDelegate},
	{"300001", "henry@acme.example.com", privBilling},
	{"300001", "erin@acme.example.com", privDownloads},

	{"300002", "heidi@acme.example.com", models.PrimaryPrivileges},
	{"300002", "bob@acme.example.com", privAdministrative},
	{"300002", "carol@acme.example.com", privTechnical},

	{"300101", "budi@nusantara.example.com", models.PrimaryPrivileges},
	{"300101", "siti@nusantara.example.com", privAdministrative},
	{"300101", "dewi@nusantara.example.com", privTechnical},

	{"300201", "rina@banksejahtera.example.com", models.PrimaryPrivileges},
	{"300201", "agus@banksejahtera.example.com", privAdminAndSTC},
	{"300201", "putri@banksejahtera.example.com", privReportOnly},

	{"300301", "ian@brightwell.example.com", models.PrimaryPrivileges},
	{"300301", "jack@brightwell.example.com", privTechnical},

	{"300302", "solo@brightwell.example.com", models.PrimaryPrivileges},

	{"400001", "made@kopikita.example.com", models.PrimaryPrivileges},
}

type supportSpec struct {
	customer, email string
	level           models.SupportLevel
}

// support: each site's STC administers support access of its customer (D2).
var support = []supportSpec{
	{"1000001", "carol@acme.example.com", models.SupportAdmin},
	{"1000001", "alice@acme.example.com", models.SupportFull},
	{"1000001", "grace@acme.example.com", models.SupportFull},
	{"1000001", "heidi@acme.example.com", models.SupportFull},
	{"1000001", "bob@acme.example.com", models.SupportBasic},
	{"1000001", "dave@acme.example.com", models.SupportBasic},
	{"1000001", "henry@acme.example.com", models.SupportNone},
	{"1000001", "erin@acme.example.com", models.SupportNone},

	{"1000002", "dewi@nusantara.example.com", models.SupportAdmin},
	{"1000002", "budi@nusantara.example.com", models.SupportFull},
	{"1000002", "siti@nusantara.example.com", models.SupportBasic},

	{"1000003", "agus@banksejahtera.example.com", models.SupportAdmin},
	{"1000003", "rina@banksejahtera.example.com", models.SupportFull},
	{"1000003", "putri@banksejahtera.example.com", models.SupportNone},

	{"1000004", "jack@brightwell.example.com", models.SupportAdmin},
	{"1000004", "ian@brightwell.example.com", models.SupportFull},
	{"1000004", "solo@brightwell.example.com", models.SupportBasic},

	{"1000005", "made@kopikita.example.com", models.SupportAdmin},
}

type productSpec struct {
	part, desc, category string
	kind                 models.LicenseType
	usdCents             int64 // list (BL) unit price in US cents
}

var products = []productSpec{
	{"D0R4ZLL", "IBM Db2 Advanced Edition Virtual Processor Core License + SW Subscription & Support 12 Months", "Data & AI", models.LicenseAndSS, 1_140_000},
	{"E0R50LL", "IBM Db2 Advanced Edition Virtual Processor Core Annual SW Subscription & Support Renewal", "Data & AI", models.SSRenewal, 228_000},
	{"D0R51LL", "IBM Db2 Advanced Edition Virtual Processor Core SW Subscription & Support Reinstatement 12 Months", "Data & AI", models.SSReinstatement, 342_000},
	{"BD2M1EN", "IBM Db2 12.1 Multiplatform Media Pack", "Data & AI", models.LicenseTypeMedia, 8_500},
	{"D1N7LLL", "IBM SPSS Statistics Base Authorized User License + SW Subscription & Support 12 Months", "Data & AI", models.LicenseAndSS, 129_000},
	{"E0N7MLL", "IBM SPSS Statistics Base Authorized User Annual SW Subscription & Support Renewal", "Data & AI", models.SSRenewal, 25_800},
	{"D0VJ5LL", "IBM Security QRadar SIEM Install License + SW Subscription & Support 12 Months", "Security", models.LicenseAndSS, 4_250_000},
	{"E0VJ6LL", "IBM Security QRadar SIEM Install Annual SW Subscription & Support Renewal", "Security", models.SSRenewal, 850_000},
	{"D0VJ7LL", "IBM Security QRadar SIEM Install SW Subscription & Support Reinstatement 12 Months", "Security", models.SSReinstatement, 1_275_000},
	{"D0TP8LL", "IBM Cloud Pak for Business Automation Virtual Processor Core License + SW Subscription & Support 12 Months", "Automation", models.LicenseAndSS, 620_000},
	{"E0TP9LL", "IBM Cloud Pak for Business Automation Virtual Processor Core Annual SW Subscription & Support Renewal", "Automation", models.SSRenewal, 124_000},
	{"E0WS1LL", "IBM WebSphere Application Server Network Deployment Processor Value Unit Annual SW Subscription & Support Renewal", "Infrastructure", models.SSRenewal, 4_600},
	{"D0MQ1LL", "IBM MQ Advanced Processor Value Unit License + SW Subscription & Support 12 Months", "Infrastructure", models.LicenseAndSS, 24_500},
	{"E0MQ2LL", "IBM MQ Advanced Processor Value Unit Annual SW Subscription & Support Renewal", "Infrastructure", models.SSRenewal, 4_900},
	{"BMQ94EN", "IBM MQ 9.4 Multiplatform Media Pack", "Infrastructure", models.LicenseTypeMedia, 6_000},
}

// PriceLevelExpress is the single price level of Passport Advantage Express
// sites (A1); it is the list (BL) price.
const PriceLevelExpress = "EXPRESS"

// priceLevels maps each price level to its discount off list, in basis
// points: higher relationship levels buy cheaper.
var priceLevels = []struct {
	level string
	bp    int64
}{
	{"BL", 0}, {"D", 300}, {"E", 600}, {"F", 900}, {"G", 1200}, {"H", 1450}, {"I", 1700},
	{"J", 1900}, {"K", 2100}, {"L", 2300}, {"M", 2500}, {"N", 2700}, {"GV", 3000},
	{PriceLevelExpress, 0},
}

// currencies converts US cents: minor = usd * num / den, rounded to a
// multiple of step minor units. Minor units are always amount*100, so IDR
// prices are whole rupiah times 100.
var currencies = []struct {
	code           string
	num, den, step int64
}{
	{"USD", 1, 1, 1},
	{"EUR", 92, 100, 1},
	{"GBP", 79, 100, 1},
	{"IDR", 16_250, 1, 100},
}

type coverageSpec struct {
	site, part string
	quantity   int
}

// coverages: S&S on renewal parts; each ends at its site's agreement
// anniversary (Express: expressCoverageIn days from today).
var coverages = []coverageSpec{
	{"300101", "E0R50LL", 8},
	{"300101", "E0MQ2LL", 400},
	{"300001", "E0R50LL", 16},
	{"300001", "E0VJ6LL", 1},
	{"300001", "E0TP9LL", 12},
	{"300001", "E0N7MLL", 25},
	{"300002", "E0MQ2LL", 280},
	{"300002", "E0WS1LL", 140},
	{"300201", "E0VJ6LL", 2},
	{"300201", "E0MQ2LL", 1200},
	{"300201", "E0R50LL", 32},
	{"300301", "E0N7MLL", 10},
	{"300301", "E0TP9LL", 4},
	{"400001", "E0N7MLL", 3},
}

// unitMinor is the price of a product in a currency at a discount.
func unitMinor(usdCents, bp, num, den, step int64) int64 {
	n := usdCents * (10_000 - bp) * num
	d := 10_000 * den * step
	return (n + d/2) / d * step
}

// dateOf is the calendar date of t (in t's own location) at UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
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
			{"agreements", l.agreements},
			{"sites", l.sites},
			{"site contacts", l.contacts},
			{"site access", l.access},
			{"support access", l.support},
			{"products", l.products},
			{"prices", l.prices},
			{"coverages", l.coverages},
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
			return err
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
