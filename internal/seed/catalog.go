package seed

import "github.com/pao/pao/models"

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
const PriceLevelExpress = models.PriceLevelExpress

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
