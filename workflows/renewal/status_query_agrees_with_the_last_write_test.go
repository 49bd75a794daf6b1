package renewal_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The status query answers what was last recorded, at every sampled
// moment: scheduled, verifying, quoted, reminded, awaiting the external
// order, and the final write is the workflow's result.
func TestStatusQueryAgreesWithTheLastWrite(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	h.update(before(50*day), renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: models.ChannelBusinessPartner, Partner: partnerName, By: bob})
	samples := []time.Time{before(125 * day), before(100 * day), before(80 * day), before(55 * day), before(40 * day)}
	want := []models.RenewalStatus{models.RenewalScheduled, models.RenewalVerifying, models.RenewalQuoted, models.RenewalQuoted, models.RenewalAwaitingOrder}
	answers := make([]*renewal.State, len(samples))
	for i, at := range samples {
		answers[i] = h.queryAt(at)
	}
	h.run()

	writes := h.f.writes()
	for i, at := range samples {
		var last *renewal.State
		for _, w := range writes {
			if !w.At.After(at) {
				st := w.Record.State
				last = &st
			}
		}
		if last == nil || answers[i].Status != want[i] {
			t.Fatalf("at %v: query %+v, want %s", at, answers[i], want[i])
		}
		if got, rec := asJSON(t, answers[i]), asJSON(t, last); got != rec {
			t.Fatalf("at %v the query answers\n %s\nthe last write was\n %s", at, got, rec)
		}
	}
	if res := h.result(); asJSON(t, res) != asJSON(t, writes[len(writes)-1].Record.State) {
		t.Fatalf("result %+v, last write %+v", res, writes[len(writes)-1].Record.State)
	}
}
