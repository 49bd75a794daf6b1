package renewal_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The validators refuse, before anything is recorded: a verification the
// API did not allow (not the Primary), a second verification, a channel
// before the quote is issued, a Business Partner channel without the
// partner, an external order while the customer renews online, an order
// of another quote, an external order the API did not allow or with a
// reference that is not one line of 1 to 64 characters.
func TestRefusedUpdatesNameTheRule(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	notPrimary := h.update(before(110*day), renewal.UpdateVerifyContacts, renewal.Verification{By: bob, Allowed: false})
	verified := h.update(before(109*day), renewal.UpdateVerifyContacts, renewal.Verification{By: alice, Allowed: true})
	twice := h.update(before(108*day), renewal.UpdateVerifyContacts, renewal.Verification{By: alice, Allowed: true})
	tooEarly := h.update(before(100*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelRenewalRep, By: bob})
	externalOnline := h.update(before(80*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: "NG-1", By: rini, Allowed: true})
	otherQuote := h.update(before(80*day), renewal.UpdateOrdered, renewal.Ordered{OrderRef: "ORD-2027-000001", QuoteNumber: "RQ-2027-000099"})
	noPartner := h.update(before(79*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelBusinessPartner, Partner: "  ", By: bob})
	noBy := h.update(before(79*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelRenewalRep})
	viaRep := h.update(before(78*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelRenewalRep, By: bob})
	notAllowed := h.update(before(70*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: "NG-1", By: bob, Allowed: false})
	tooLong := h.update(before(70*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: strings.Repeat("x", 65), By: rini, Allowed: true})
	twoLines := h.update(before(70*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: "NG-1\nNG-2", By: rini, Allowed: true})
	blank := h.update(before(70*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: "   ", By: rini, Allowed: true})
	h.run()

	notPrimary.MustRefuse(t, renewal.ErrNotAllowed)
	if st := verified.MustComplete(t); !st.Verified || st.VerifiedBy != alice.Email || st.VerifiedAt == nil || !st.VerifiedAt.Equal(before(109*day)) {
		t.Fatalf("verification answered %+v", st)
	}
	twice.MustRefuse(t, renewal.ErrWrongStatus)
	tooEarly.MustRefuse(t, renewal.ErrWrongStatus)
	externalOnline.MustRefuse(t, renewal.ErrWrongStatus)
	otherQuote.MustRefuse(t, renewal.ErrInvalid)
	noPartner.MustRefuse(t, renewal.ErrInvalid)
	noBy.MustRefuse(t, renewal.ErrInvalid)
	viaRep.MustComplete(t)
	notAllowed.MustRefuse(t, renewal.ErrNotAllowed)
	for _, o := range []*outcome{tooLong, twoLines, blank} {
		o.MustRefuse(t, renewal.ErrInvalid)
		if f := refusedField(o.RejectErr); f != "reference" {
			t.Fatalf("%s names %q, want reference", o.Name, f)
		}
	}
	for field, o := range map[string]*outcome{"quote_number": otherQuote, "partner": noPartner, "by": noBy} {
		if f := refusedField(o.RejectErr); f != field {
			t.Fatalf("%s names %q, want %s", o.Name, f, field)
		}
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"scheduled", "verifying", "verifying", "quoted", "awaiting_external_order", "lapsed"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"renewal_verify_contacts→primary", "renewal_notice→renewal", "renewal_channel_rep→rep", "renewal_lapsed→renewal"})
}
