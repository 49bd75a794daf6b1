package seed

import (
	"slices"

	"github.com/pao/pao/internal/auth"
)

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
