package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// Renewing through the renewal rep stops the reminders (the 60-day one is
// not sent); choosing online again returns the renewal to its quote, the
// rep is told both times, and the reminders still ahead go out. The same
// choice twice changes nothing.
func TestChoosingOnlineAgainResumesTheReminders(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	viaRep := h.update(before(80*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelRenewalRep, By: bob})
	again := h.update(before(79*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelRenewalRep, By: bob})
	online := h.update(before(40*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelOnline, By: bob})
	h.run()

	if st := viaRep.MustComplete(t); st.Status != models.RenewalAwaitingOrder {
		t.Fatalf("renewal_rep answered %+v", st)
	}
	if st := again.MustComplete(t); st.ChannelChanges != 1 {
		t.Fatalf("the same choice again answered %+v", st)
	}
	if st := online.MustComplete(t); st.Status != models.RenewalQuoted || st.Channel != models.ChannelOnline || st.ChannelChanges != 2 {
		t.Fatalf("online answered %+v", st)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"scheduled", "verifying", "quoted", "awaiting_external_order", "quoted", "quoted", "quoted", "lapsed"})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{
		"verification", "quote", "channel-1-renewal_rep-rep", "channel-2-online-rep", "reminder-30d", "reminder-7d", "lapse"})
	wantSeq(t, "reminders sent", h.result().RemindersSent, []string{"reminder-30d", "reminder-7d"})
}
