package renewal_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The customer renews through its Business Partner: the renewal waits for
// the external order (no customer reminder goes out), the renewal rep and
// the partner are told (keyed by the choice), and the order the rep
// records renews it and is settled (coverage, quote ordered); nothing
// lapses.
func TestRenewedThroughABusinessPartner(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	chosen := h.update(before(85*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{
		Channel: models.ChannelBusinessPartner, Partner: "  " + partnerName + " ", By: bob})
	recorded := h.update(before(20*day), renewal.UpdateExternalOrder, renewal.ExternalOrder{
		Reference: " NG-PO-2027-118 ", By: rini, Allowed: true})
	h.run()

	if st := chosen.MustComplete(t); st.Status != models.RenewalAwaitingOrder || st.Partner != partnerName || st.ChannelChanges != 1 {
		t.Fatalf("choose-channel answered %+v", st)
	}
	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"scheduled", "verifying", "quoted", "awaiting_external_order", "renewed"})
	wantSeq(t, "written on", days(writes), []string{"-130", "-120", "-90", "-85", "-20"})
	notices := h.f.notices()
	// The rep's and the partner's notices are queued by the same choice,
	// as concurrent activities: they are recorded in either order.
	if len(notices) == 4 && notices[2].Notice.Template == renewal.TemplatePartnerOrder {
		notices[2], notices[3] = notices[3], notices[2]
	}
	wantSeq(t, "notices", templates(notices), []string{
		"renewal_verify_contacts→primary", "renewal_notice→renewal", "renewal_channel_rep→rep", "renewal_partner_order→partner",
	})
	wantSeq(t, "notice keys", keys(notices), []string{"verification", "quote", "channel-1-business_partner-rep", "channel-1-business_partner-partner"})
	if n := notices[3].Notice; n.By != bob.Email || n.State.Partner != partnerName {
		t.Fatalf("the partner's notice: by %q about %+v", n.By, n.State)
	}
	st := recorded.MustComplete(t)
	if st.Status != models.RenewalRenewed || st.ExternalOrder != "NG-PO-2027-118" || len(st.RemindersSent) != 0 ||
		!strings.Contains(st.ClosedReason, "Business Partner") || !strings.Contains(st.ClosedReason, rini.Email) {
		t.Fatalf("external-order answered %+v", st)
	}
	// The order placed off-line is settled like one placed online: the
	// quote's coverage renewed and the quote marked ordered.
	settled := h.f.OK(renewal.ActivitySettleExternalOrder)
	if len(settled) != 1 || settled[0].Settlement.Reference != "NG-PO-2027-118" || settled[0].Settlement.QuoteNumber != st.QuoteNumber ||
		settled[0].Settlement.By != rini.Email {
		t.Fatalf("settlements %+v, want one of NG-PO-2027-118 on %s", settled, st.QuoteNumber)
	}
	if res := h.result(); res.Status != models.RenewalRenewed || res.Channel != models.ChannelBusinessPartner {
		t.Fatalf("result = %+v", res)
	}
}
