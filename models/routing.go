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
func RouteNotice(k NoticeKind, contacts []Contact, businessPartner string) ([]string, error) {
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

	var out []string
	if len(distinct) == 1 {
		// The Primary is the only contact: it receives everything.
		out = append(out, primary)
	} else {
		for _, r := range targets {
			out = append(out, holders[r]...)
		}
		if len(out) == 0 {
			out = append(out, primary)
		}
	}
	if k == NoticeProofOfEntitlement {
		if bp := normEmail(businessPartner); bp != "" {
			out = append(out, bp)
		}
	}

	slices.Sort(out)
	return slices.Compact(out), nil
}
