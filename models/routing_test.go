package models

import (
	"slices"
	"strings"
	"testing"
)

// fullSite has every role filled by a different person.
var fullSite = []Contact{
	{RolePrimary, "primary@example.com"},
	{RoleAdministrative, "admin@example.com"},
	{RoleTechnical, "stc@example.com"},
	{RoleSecondary, "second1@example.com"},
	{RoleSecondary, "second2@example.com"},
	{RoleRenewal, "renewal@example.com"},
	{RoleMedia, "media@example.com"},
	{RoleBilling, "billing@example.com"},
}

// without returns fullSite minus the holders of the given roles.
func without(roles ...ContactRole) []Contact {
	var out []Contact
	for _, c := range fullSite {
		if !slices.Contains(roles, c.Role) {
			out = append(out, c)
		}
	}
	return out
}

const bp = "orders@partner.example"

func TestRouteNoticeAllRolesFilled(t *testing.T) {
	want := map[NoticeKind][]string{
		NoticeAgreementChange:    {"primary@example.com"},
		NoticeRenewal:            {"admin@example.com", "renewal@example.com"},
		NoticeUpgrade:            {"admin@example.com"},
		NoticeProofOfEntitlement: {"admin@example.com"},
		NoticeSupport:            {"stc@example.com"},
		NoticeMediaShipment:      {"media@example.com"},
		NoticeInvoice:            {"billing@example.com"},
	}
	if len(want) != len(NoticeKinds) {
		t.Fatalf("table covers %d kinds, NoticeKinds has %d", len(want), len(NoticeKinds))
	}
	for _, k := range NoticeKinds {
		t.Run(string(k), func(t *testing.T) {
			got, err := RouteNotice(k, fullSite, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want[k]) {
				t.Errorf("RouteNotice(%s) = %v, want %v", k, got, want[k])
			}
		})
	}
}

func TestRouteNoticeTargetUnfilledFallsBackToPrimary(t *testing.T) {
	primary := []string{"primary@example.com"}
	tests := []struct {
		kind    NoticeKind
		removed []ContactRole
		want    []string
	}{
		// The Primary cannot be unfilled; the other roles do not matter.
		{NoticeAgreementChange, []ContactRole{RoleAdministrative, RoleTechnical, RoleRenewal, RoleMedia, RoleBilling}, primary},
		{NoticeRenewal, []ContactRole{RoleAdministrative, RoleRenewal}, primary},
		{NoticeUpgrade, []ContactRole{RoleAdministrative}, primary},
		{NoticeProofOfEntitlement, []ContactRole{RoleAdministrative}, primary},
		{NoticeSupport, []ContactRole{RoleTechnical}, primary},
		{NoticeMediaShipment, []ContactRole{RoleMedia}, primary},
		{NoticeInvoice, []ContactRole{RoleBilling}, primary},
	}
	if len(tests) != len(NoticeKinds) {
		t.Fatalf("table covers %d kinds, NoticeKinds has %d", len(tests), len(NoticeKinds))
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			got, err := RouteNotice(tc.kind, without(tc.removed...), "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RouteNotice(%s) without %v = %v, want %v", tc.kind, tc.removed, got, tc.want)
			}
		})
	}
}

func TestRouteNoticeEmptyEmailIsUnfilled(t *testing.T) {
	contacts := append(without(RoleTechnical), Contact{RoleTechnical, "  "})
	got, err := RouteNotice(NoticeSupport, contacts, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"primary@example.com"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestRouteNoticePrimaryOnlyContact(t *testing.T) {
	sites := map[string][]Contact{
		"primary alone": {{RolePrimary, "solo@example.com"}},
		"primary holds every role": {
			{RolePrimary, "solo@example.com"},
			{RoleAdministrative, "Solo@Example.com"},
			{RoleTechnical, "solo@example.com"},
			{RoleSecondary, "SOLO@example.com"},
			{RoleRenewal, "solo@example.com"},
			{RoleMedia, " solo@example.com "},
			{RoleBilling, "solo@example.com"},
		},
		"primary holds some roles": {
			{RolePrimary, "solo@example.com"},
			{RoleTechnical, "solo@example.com"},
			{RoleBilling, "SOLO@EXAMPLE.COM"},
		},
	}
	for name, contacts := range sites {
		for _, k := range NoticeKinds {
			t.Run(name+"/"+string(k), func(t *testing.T) {
				got, err := RouteNotice(k, contacts, "")
				if err != nil {
					t.Fatal(err)
				}
				if want := []string{"solo@example.com"}; !slices.Equal(got, want) {
					t.Errorf("RouteNotice(%s) = %v, want %v", k, got, want)
				}
			})
		}
	}
	// The Business Partner is not a site contact: it still gets its PoE.
	got, err := RouteNotice(NoticeProofOfEntitlement, sites["primary alone"], bp)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{bp, "solo@example.com"}; !slices.Equal(got, want) {
		t.Errorf("PoE with BP for a lone Primary = %v, want %v", got, want)
	}
}

func TestRouteNoticeSeveralRolesOnePerson(t *testing.T) {
	// Alice is the Primary and the billing contact; Bob is the
	// Administrative, renewal and technical contact.
	contacts := []Contact{
		{RolePrimary, "alice@example.com"},
		{RoleBilling, "alice@example.com"},
		{RoleAdministrative, "bob@example.com"},
		{RoleRenewal, "bob@example.com"},
		{RoleTechnical, "bob@example.com"},
	}
	tests := []struct {
		kind NoticeKind
		want []string
	}{
		{NoticeAgreementChange, []string{"alice@example.com"}},
		{NoticeRenewal, []string{"bob@example.com"}}, // once, not twice
		{NoticeUpgrade, []string{"bob@example.com"}},
		{NoticeProofOfEntitlement, []string{"bob@example.com"}},
		{NoticeSupport, []string{"bob@example.com"}},
		{NoticeMediaShipment, []string{"alice@example.com"}}, // fallback
		{NoticeInvoice, []string{"alice@example.com"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			got, err := RouteNotice(tc.kind, contacts, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RouteNotice(%s) = %v, want %v", tc.kind, got, tc.want)
			}
		})
	}
}

func TestRouteNoticeBusinessPartner(t *testing.T) {
	tests := []struct {
		name     string
		kind     NoticeKind
		contacts []Contact
		bp       string
		want     []string
	}{
		{"PoE through BP", NoticeProofOfEntitlement, fullSite, bp, []string{"admin@example.com", bp}},
		{"PoE through BP, BP email mixed case", NoticeProofOfEntitlement, fullSite, " Orders@Partner.EXAMPLE ", []string{"admin@example.com", bp}},
		{"PoE through BP, no admin", NoticeProofOfEntitlement, without(RoleAdministrative), bp, []string{bp, "primary@example.com"}},
		{"PoE through BP who is also admin", NoticeProofOfEntitlement, []Contact{{RolePrimary, "p@example.com"}, {RoleAdministrative, "ADMIN@example.com"}}, "admin@example.com", []string{"admin@example.com"}},
		{"PoE direct", NoticeProofOfEntitlement, fullSite, "", []string{"admin@example.com"}},
		{"PoE direct, blank BP", NoticeProofOfEntitlement, fullSite, "   ", []string{"admin@example.com"}},
	}
	// The BP only receives PoEs.
	for _, k := range NoticeKinds {
		if k == NoticeProofOfEntitlement {
			continue
		}
		want, err := RouteNotice(k, fullSite, "")
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			name     string
			kind     NoticeKind
			contacts []Contact
			bp       string
			want     []string
		}{"BP ignored for " + string(k), k, fullSite, bp, want})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RouteNotice(tc.kind, tc.contacts, tc.bp)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RouteNotice(%s, bp=%q) = %v, want %v", tc.kind, tc.bp, got, tc.want)
			}
		})
	}
}

func TestRouteNoticeRenewalPartlyFilled(t *testing.T) {
	tests := []struct {
		name     string
		contacts []Contact
		want     []string
	}{
		{"both", fullSite, []string{"admin@example.com", "renewal@example.com"}},
		{"admin only", without(RoleRenewal), []string{"admin@example.com"}},
		{"renewal only", without(RoleAdministrative), []string{"renewal@example.com"}},
		{"neither", without(RoleAdministrative, RoleRenewal), []string{"primary@example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RouteNotice(NoticeRenewal, tc.contacts, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRouteNoticeCaseInsensitiveDedup(t *testing.T) {
	contacts := []Contact{
		{RolePrimary, "Pat.Primary@Example.COM"},
		{RoleAdministrative, "Ann@Example.com"},
		{RoleRenewal, "ann@EXAMPLE.com"},
		{RoleTechnical, "Sam@Example.com"},
		{RoleTechnical, "sam@example.com"}, // duplicate row
	}
	tests := []struct {
		kind NoticeKind
		want []string
	}{
		{NoticeAgreementChange, []string{"pat.primary@example.com"}},
		{NoticeRenewal, []string{"ann@example.com"}},
		{NoticeSupport, []string{"sam@example.com"}},
		{NoticeInvoice, []string{"pat.primary@example.com"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			got, err := RouteNotice(tc.kind, contacts, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RouteNotice(%s) = %v, want %v", tc.kind, got, tc.want)
			}
		})
	}
	// A Primary listed twice with different case is still one Primary.
	got, err := RouteNotice(NoticeAgreementChange, []Contact{
		{RolePrimary, "P@x.com"}, {RolePrimary, "p@X.COM"}, {RoleBilling, "b@x.com"},
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p@x.com"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestRouteNoticeErrors(t *testing.T) {
	tests := []struct {
		name     string
		kind     NoticeKind
		contacts []Contact
		errHas   string
	}{
		{"unknown kind", "newsletter", fullSite, "unknown notice kind"},
		{"empty kind", "", fullSite, "unknown notice kind"},
		{"no contacts", NoticeInvoice, nil, "no Primary"},
		{"no primary", NoticeInvoice, without(RolePrimary), "no Primary"},
		{"primary with empty email", NoticeSupport, append(without(RolePrimary), Contact{RolePrimary, ""}), "no Primary"},
		{"two primaries", NoticeAgreementChange, append(slices.Clone(fullSite), Contact{RolePrimary, "other@example.com"}), "2 Primary"},
		{"unknown role", NoticeInvoice, append(slices.Clone(fullSite), Contact{"owner", "o@example.com"}), "unknown role"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RouteNotice(tc.kind, tc.contacts, bp)
			if err == nil {
				t.Fatalf("RouteNotice = %v, want error containing %q", got, tc.errHas)
			}
			if !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("error %q does not contain %q", err, tc.errHas)
			}
			if got != nil {
				t.Errorf("got %v alongside error", got)
			}
		})
	}
}

func TestNoticeKindValid(t *testing.T) {
	seen := map[NoticeKind]bool{}
	for _, k := range NoticeKinds {
		if !k.Valid() {
			t.Errorf("%q not valid", k)
		}
		if seen[k] {
			t.Errorf("%q listed twice", k)
		}
		seen[k] = true
		if len(k.TargetRoles()) == 0 {
			t.Errorf("%q has no target roles", k)
		}
	}
	if len(seen) != len(noticeTargets) {
		t.Errorf("NoticeKinds has %d kinds, routing table %d", len(seen), len(noticeTargets))
	}
	for _, k := range []NoticeKind{"", "Invoice", "newsletter"} {
		if k.Valid() {
			t.Errorf("%q valid", k)
		}
		if k.TargetRoles() != nil {
			t.Errorf("%q has target roles", k)
		}
	}
}

// checkRouteProperties checks the invariants of a successful routing: a
// non-empty, sorted, deduplicated, lower-cased result whose every address is
// one of the contacts or the Business Partner, and the latter only on PoE.
func checkRouteProperties(t *testing.T, k NoticeKind, contacts []Contact, bpEmail string, got []string) {
	t.Helper()
	if len(got) == 0 {
		t.Fatalf("RouteNotice(%s, %v, %q) routed to nobody", k, contacts, bpEmail)
	}
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("result %v not sorted and deduplicated", got)
	}
	allowed := map[string]bool{}
	for _, c := range contacts {
		allowed[normEmail(c.Email)] = true
	}
	bpn := normEmail(bpEmail)
	for _, e := range got {
		if e == "" || e != strings.ToLower(e) {
			t.Errorf("address %q empty or not lower-case", e)
		}
		if allowed[e] {
			continue
		}
		if e == bpn && k == NoticeProofOfEntitlement {
			continue
		}
		t.Errorf("RouteNotice(%s, %v, %q) = %v: %q is neither a contact nor the BP", k, contacts, bpEmail, got, e)
	}
	if k == NoticeProofOfEntitlement && bpn != "" && !slices.Contains(got, bpn) {
		t.Errorf("PoE %v lacks the BP %q", got, bpn)
	}
}

// TestRouteNoticeEverySubset routes every kind for every subset of filled
// roles, each held by its own person or all by the Primary.
func TestRouteNoticeEverySubset(t *testing.T) {
	others := []ContactRole{RoleAdministrative, RoleTechnical, RoleSecondary, RoleRenewal, RoleMedia, RoleBilling}
	for mask := 0; mask < 1<<len(others); mask++ {
		for _, shared := range []bool{false, true} {
			contacts := []Contact{{RolePrimary, "primary@example.com"}}
			for i, r := range others {
				if mask&(1<<i) == 0 {
					continue
				}
				email := string(r) + "@example.com"
				if shared {
					email = "PRIMARY@example.com"
				}
				contacts = append(contacts, Contact{r, email})
			}
			for _, k := range NoticeKinds {
				for _, b := range []string{"", bp} {
					got, err := RouteNotice(k, contacts, b)
					if err != nil {
						t.Fatalf("RouteNotice(%s, %v): %v", k, contacts, err)
					}
					checkRouteProperties(t, k, contacts, b, got)
					if shared && !slices.Contains(got, "primary@example.com") {
						t.Errorf("lone Primary misses %s: %v", k, got)
					}
				}
			}
		}
	}
}

// FuzzRouteNotice builds a site from the fuzzer's bytes: each byte picks a
// role (low 3 bits) and an email from a small pool (high bits), so people
// hold several roles and case variants collide.
func FuzzRouteNotice(f *testing.F) {
	f.Add(uint8(0), []byte{0x00}, "")
	f.Add(uint8(1), []byte{0x00, 0x09, 0x14}, "")
	f.Add(uint8(3), []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06}, bp)
	f.Add(uint8(3), []byte{0x00, 0x21, 0x41, 0x61}, "Admin@Example.com")
	f.Add(uint8(6), []byte{0x08, 0x10, 0x1e, 0xff}, "")
	pool := []string{"primary@example.com", "Primary@Example.com", "ann@example.com", "ANN@example.com", "bob@example.com", " bob@example.com", "carol@example.com", "dave@example.com"}
	f.Fuzz(func(t *testing.T, kind uint8, site []byte, bpEmail string) {
		k := NoticeKinds[int(kind)%len(NoticeKinds)]
		contacts := []Contact{{RolePrimary, pool[0]}}
		for _, b := range site {
			r := ContactRoles[int(b&7)%len(ContactRoles)]
			if r == RolePrimary {
				continue // exactly one Primary
			}
			contacts = append(contacts, Contact{r, pool[int(b>>3)%len(pool)]})
		}
		got, err := RouteNotice(k, contacts, bpEmail)
		if err != nil {
			t.Fatalf("RouteNotice(%s, %v, %q): %v", k, contacts, bpEmail, err)
		}
		checkRouteProperties(t, k, contacts, bpEmail, got)
	})
}
