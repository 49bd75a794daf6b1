package models

import (
	"fmt"
	"slices"
	"strings"
)

// NoticeKind is a kind of notice sent to a site's contacts (SPEC A6).
type NoticeKind string

// Notice kinds.
const (
	NoticeAgreementChange    NoticeKind = "agreement_change"
	NoticeRenewal            NoticeKind = "renewal_notice"
	NoticeUpgrade            NoticeKind = "upgrade_availability"
	NoticeProofOfEntitlement NoticeKind = "proof_of_entitlement"
	NoticeSupport            NoticeKind = "support"
	NoticeMediaShipment      NoticeKind = "media_shipment"
	NoticeInvoice            NoticeKind = "invoice"
)

// NoticeKinds lists every notice kind.
var NoticeKinds = []NoticeKind{
	NoticeAgreementChange,
	NoticeRenewal,
	NoticeUpgrade,
	NoticeProofOfEntitlement,
	NoticeSupport,
	NoticeMediaShipment,
	NoticeInvoice,
}

// noticeTargets maps each kind to the roles that receive it (SPEC A6). The
// roles of a kind are alternatives that are all used when filled; when none
// of them is filled the notice falls back to the Primary.
var noticeTargets = map[NoticeKind][]ContactRole{
	NoticeAgreementChange:    {RolePrimary},
	NoticeRenewal:            {RoleAdministrative, RoleRenewal},
	NoticeUpgrade:            {RoleAdministrative},
	NoticeProofOfEntitlement: {RoleAdministrative},
	NoticeSupport:            {RoleTechnical},
	NoticeMediaShipment:      {RoleMedia},
	NoticeInvoice:            {RoleBilling},
}

// Valid reports whether k is a known notice kind.
func (k NoticeKind) Valid() bool {
	_, ok := noticeTargets[k]
	return ok
}

// TargetRoles returns the roles that receive a notice of kind k when they are
// filled (nil for an unknown kind). The Primary is the fallback of all of them.
func (k NoticeKind) TargetRoles() []ContactRole {
	return slices.Clone(noticeTargets[k])
}

// Contact is one role holder as the router sees it.
type Contact struct {
	Role  ContactRole
	Email string
}

// normEmail is the form in which emails are compared and returned.
func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Recipient is one address a notice goes to, with the rule that chose it
// worded for people ("renewal notice → Administrative Contact"), so that
// anyone can later tell why they got the email.
type Recipient struct {
	Email  string `json:"email"`
	Reason string `json:"reason"`
}

// noticeTitles are the notice kinds as people read them.
var noticeTitles = map[NoticeKind]string{
	NoticeAgreementChange:    "agreement change",
	NoticeRenewal:            "renewal notice",
	NoticeUpgrade:            "upgrade availability",
	NoticeProofOfEntitlement: "Proof of Entitlement",
	NoticeSupport:            "support notice",
	NoticeMediaShipment:      "media shipment",
	NoticeInvoice:            "billing",
}

// Title is the kind as people read it ("renewal notice"); an unknown kind
// is itself.
func (k NoticeKind) Title() string {
	if t, ok := noticeTitles[k]; ok {
		return t
	}
	return string(k)
}

// routingRoleTitles are the contact roles (SPEC A2) as the reasons name them.
var routingRoleTitles = map[ContactRole]string{
	RolePrimary:        "Primary Contact",
	RoleAdministrative: "Administrative Contact",
	RoleTechnical:      "Site Technical Contact",
	RoleSecondary:      "Secondary Contact",
	RoleRenewal:        "S&S renewal contact",
	RoleMedia:          "S&S media delivery contact",
	RoleBilling:        "billing contact",
}

// RoleTitle is a contact role as people read it ("Site Technical
// Contact"); an unknown role is itself.
func RoleTitle(r ContactRole) string {
	if t, ok := routingRoleTitles[r]; ok {
		return t
	}
	return string(r)
}

// JoinWords joins parts for people: "a", "a and b", "a, b and c".
func JoinWords(parts []string, last string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + last + " " + parts[len(parts)-1]
}

// RouteNotice returns the deduplicated, sorted email addresses that receive a
// notice of kind k for a site whose role holders are contacts (SPEC A6):
//
//   - agreement and contract changes go to the Primary;
//   - renewal notices go to the Administrative Contact and the S&S renewal
//     contact (whichever of them are filled);
//   - upgrade availability notices go to the Administrative Contact;
//   - Proofs of Entitlement go to the Administrative Contact, plus
//     businessPartner when it is not empty (an order placed through a BP);
//   - support and technical matters go to the STC (RoleTechnical);
//   - media shipments go to the media delivery contact;
//   - invoices go to the billing contact.
//
// A target role that is not filled (no entry, or only entries with an empty
// email) falls back to the Primary; for a renewal notice that happens only
// when neither the Administrative nor the renewal contact is filled. If the
// Primary is the only contact of the site (all entries carry the Primary's
// email) the Primary receives every notice. The Business Partner is not a
// site contact and still receives the PoE in that case.
//
// Emails are compared case-insensitively (and ignoring surrounding spaces)
// and returned lower-cased. The result is never empty when err is nil.
//
// Errors: an unknown kind, an entry with an unknown role, no Primary in
// contacts, or several Primaries with different emails (a site always has
// exactly one, SPEC A2/A4; the broken invariant is reported rather than
// routing the notice to nobody or to the wrong person).
//
// It is RouteNoticeWhy without the reasons.
func RouteNotice(k NoticeKind, contacts []Contact, businessPartner string) ([]string, error) {
	rs, err := RouteNoticeWhy(k, contacts, businessPartner)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Email
	}
	return out, nil
}

// RouteNoticeWhy routes a notice as RouteNotice does and says, for each
// recipient, the rule that chose them, starting with the kind's title:
//
//   - "renewal notice → Administrative Contact and S&S renewal contact"
//     (one person holding both roles);
//   - "billing → no billing contact, fell back to the Primary Contact";
//   - "renewal notice → no Administrative Contact or S&S renewal contact,
//     fell back to the Primary Contact";
//   - "support notice → the Primary Contact is the site's only contact";
//   - "Proof of Entitlement → the Business Partner the order was placed
//     through".
//
// Recipients are sorted by email, each once (the reasons of a person
// chosen by several rules are joined); every reason is non-empty.
func RouteNoticeWhy(k NoticeKind, contacts []Contact, businessPartner string) ([]Recipient, error) {
	targets, ok := noticeTargets[k]
	if !ok {
		return nil, fmt.Errorf("unknown notice kind %q (one of %v)", k, NoticeKinds)
	}

	holders := make(map[ContactRole][]string, len(ContactRoles))
	distinct := make(map[string]struct{}, len(contacts))
	for _, c := range contacts {
		if !c.Role.Valid() {
			return nil, fmt.Errorf("contact %q has unknown role %q", c.Email, c.Role)
		}
		e := normEmail(c.Email)
		if e == "" {
			continue // the role is not filled
		}
		if !slices.Contains(holders[c.Role], e) {
			holders[c.Role] = append(holders[c.Role], e)
		}
		distinct[e] = struct{}{}
	}

	switch n := len(holders[RolePrimary]); {
	case n == 0:
		return nil, fmt.Errorf("routing %s: site has no Primary Contact", k)
	case n > 1:
		return nil, fmt.Errorf("routing %s: site has %d Primary Contacts %v, want exactly one", k, n, holders[RolePrimary])
	}
	primary := holders[RolePrimary][0]

	// why collects, per email, the rules that chose it, in target order.
	why := map[string][]string{}
	var order []string
	add := func(email, rule string) {
		if _, seen := why[email]; !seen {
			order = append(order, email)
		}
		if !slices.Contains(why[email], rule) {
			why[email] = append(why[email], rule)
		}
	}
	for _, r := range targets {
		for _, e := range holders[r] {
			add(e, RoleTitle(r))
		}
	}
	switch {
	case len(distinct) == 1 && len(order) == 0:
		// The Primary is the only contact: it receives everything.
		add(primary, "the Primary Contact is the site's only contact")
	case len(order) == 0:
		titles := make([]string, len(targets))
		for i, r := range targets {
			titles[i] = RoleTitle(r)
		}
		add(primary, "no "+JoinWords(titles, "or")+", fell back to the Primary Contact")
	}
	if k == NoticeProofOfEntitlement {
		if bp := normEmail(businessPartner); bp != "" {
			add(bp, "the Business Partner the order was placed through")
		}
	}

	slices.Sort(order)
	out := make([]Recipient, 0, len(order))
	for _, e := range order {
		out = append(out, Recipient{Email: e, Reason: k.Title() + " → " + JoinWords(why[e], "and")})
	}
	return out, nil
}
