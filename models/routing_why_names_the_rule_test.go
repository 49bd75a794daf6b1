package models

import (
	"slices"
	"strings"
	"testing"
)

// RouteNoticeWhy says, per recipient, the rule that chose them, in words
// that name the role or the fallback (issue 11 item 3).
func TestRouteNoticeWhyNamesTheRule(t *testing.T) {
	primaryOnly := []Contact{
		{RolePrimary, "primary@example.com"},
		{RoleAdministrative, "Primary@Example.com "},
		{RoleTechnical, "primary@example.com"},
	}
	bothRenewalRoles := append(without(RoleAdministrative, RoleRenewal),
		Contact{RoleAdministrative, "admin@example.com"}, Contact{RoleRenewal, "admin@example.com"})
	for _, tc := range []struct {
		name     string
		kind     NoticeKind
		contacts []Contact
		bp       string
		want     []Recipient
	}{
		{"renewal to both its roles", NoticeRenewal, fullSite, "", []Recipient{
			{"admin@example.com", "renewal notice → Administrative Contact"},
			{"renewal@example.com", "renewal notice → S&S renewal contact"},
		}},
		{"renewal roles held by one person", NoticeRenewal, bothRenewalRoles, "", []Recipient{
			{"admin@example.com", "renewal notice → Administrative Contact and S&S renewal contact"},
		}},
		{"renewal with only the renewal contact", NoticeRenewal, without(RoleAdministrative), "", []Recipient{
			{"renewal@example.com", "renewal notice → S&S renewal contact"},
		}},
		{"renewal without its roles", NoticeRenewal, without(RoleAdministrative, RoleRenewal), "", []Recipient{
			{"primary@example.com", "renewal notice → no Administrative Contact or S&S renewal contact, fell back to the Primary Contact"},
		}},
		{"billing without a billing contact", NoticeInvoice, without(RoleBilling), "", []Recipient{
			{"primary@example.com", "billing → no billing contact, fell back to the Primary Contact"},
		}},
		{"billing", NoticeInvoice, fullSite, "", []Recipient{
			{"billing@example.com", "billing → billing contact"},
		}},
		{"agreement change", NoticeAgreementChange, fullSite, "", []Recipient{
			{"primary@example.com", "agreement change → Primary Contact"},
		}},
		{"support", NoticeSupport, fullSite, "", []Recipient{
			{"stc@example.com", "support notice → Site Technical Contact"},
		}},
		{"media without a media contact", NoticeMediaShipment, without(RoleMedia), "", []Recipient{
			{"primary@example.com", "media shipment → no S&S media delivery contact, fell back to the Primary Contact"},
		}},
		{"upgrade", NoticeUpgrade, fullSite, "", []Recipient{
			{"admin@example.com", "upgrade availability → Administrative Contact"},
		}},
		{"the Primary is the only contact", NoticeMediaShipment, []Contact{{RolePrimary, "primary@example.com"}}, "", []Recipient{
			{"primary@example.com", "media shipment → the Primary Contact is the site's only contact"},
		}},
		{"the Primary holds every role there is", NoticeSupport, primaryOnly, "", []Recipient{
			{"primary@example.com", "support notice → Site Technical Contact"},
		}},
		{"the Primary holds every role there is, not the target", NoticeInvoice, primaryOnly, "", []Recipient{
			{"primary@example.com", "billing → the Primary Contact is the site's only contact"},
		}},
		{"PoE through a Business Partner", NoticeProofOfEntitlement, fullSite, " Orders@Partner.example ", []Recipient{
			{"admin@example.com", "Proof of Entitlement → Administrative Contact"},
			{bp, "Proof of Entitlement → the Business Partner the order was placed through"},
		}},
		{"PoE to a Business Partner who is the Administrative Contact", NoticeProofOfEntitlement,
			append(without(RoleAdministrative), Contact{RoleAdministrative, bp}), bp, []Recipient{
				{bp, "Proof of Entitlement → Administrative Contact and the Business Partner the order was placed through"},
			}},
		{"PoE without an Administrative Contact, through a Business Partner", NoticeProofOfEntitlement, without(RoleAdministrative), bp, []Recipient{
			{bp, "Proof of Entitlement → the Business Partner the order was placed through"},
			{"primary@example.com", "Proof of Entitlement → no Administrative Contact, fell back to the Primary Contact"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RouteNoticeWhy(tc.kind, tc.contacts, tc.bp)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("RouteNoticeWhy(%s) =\n  %q\nwant\n  %q", tc.kind, got, tc.want)
			}
		})
	}
}

// Every kind, on every subset of the roles, gives each recipient exactly
// one non-empty reason naming the kind, and the same addresses as
// RouteNotice.
func TestRouteNoticeWhyAgreesWithRouteNotice(t *testing.T) {
	others := ContactRoles[1:]
	for mask := 0; mask < 1<<len(others); mask++ {
		var drop []ContactRole
		for i, r := range others {
			if mask&(1<<i) != 0 {
				drop = append(drop, r)
			}
		}
		contacts := without(drop...)
		for _, k := range NoticeKinds {
			for _, partner := range []string{"", bp} {
				why, err := RouteNoticeWhy(k, contacts, partner)
				if err != nil {
					t.Fatalf("%s without %v: %v", k, drop, err)
				}
				emails, err := RouteNotice(k, contacts, partner)
				if err != nil {
					t.Fatal(err)
				}
				if len(why) != len(emails) {
					t.Fatalf("%s without %v: %d reasons for %d recipients", k, drop, len(why), len(emails))
				}
				for i, r := range why {
					if r.Email != emails[i] || !strings.HasPrefix(r.Reason, k.Title()+" → ") || len(r.Reason) <= len(k.Title()+" → ") {
						t.Errorf("%s without %v: recipient %d = %+v, RouteNotice says %s", k, drop, i, r, emails[i])
					}
				}
			}
		}
	}
}

func TestRouteNoticeWhyErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kind     NoticeKind
		contacts []Contact
	}{
		{"unknown kind", NoticeKind("fax"), fullSite},
		{"no Primary", NoticeRenewal, without(RolePrimary)},
		{"unknown role", NoticeRenewal, append(without(), Contact{ContactRole("boss"), "boss@example.com"})},
		{"two Primaries", NoticeRenewal, append(without(), Contact{RolePrimary, "other@example.com"})},
	} {
		if got, err := RouteNoticeWhy(tc.kind, tc.contacts, ""); err == nil {
			t.Errorf("%s: RouteNoticeWhy = %v, want an error", tc.name, got)
		}
	}
}

func TestJoinWords(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := JoinWords(tc.in, "and"); got != tc.want {
			t.Errorf("JoinWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
