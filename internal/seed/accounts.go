package seed

import "github.com/pao/pao/models"

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
