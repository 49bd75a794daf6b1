package discovery_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/discovery"
)

// With development offsets of minutes (PAO_RENEWAL_*_BEFORE) the window is
// today (and tomorrow only when the minutes cross midnight UTC): the
// coverage ending today is started with those offsets, the coverage ending
// in two days is not.
func TestMinuteOffsetsLookAtTodayAlone(t *testing.T) {
	w := newWorld(t)
	w.cover(t, w.site(t, "900021"), 0, today())
	w.cover(t, w.site(t, "900022"), 0, today().AddDate(0, 0, 2))
	offsets := models.RenewalOffsets{Verification: 4 * time.Minute, Quote: 3 * time.Minute, Reminders: []time.Duration{time.Minute}}
	res, _ := w.pass(t, discovery.Input{Offsets: offsets, Lead: time.Minute})
	if res.Found != 1 || res.Started != 1 {
		t.Fatalf("pass = %+v, want today's renewal alone", res)
	}
	s := w.mustStart(t, "900021", today())
	if s.Input.Offsets.Verification != offsets.Verification || s.Input.Offsets.Quote != offsets.Quote ||
		len(s.Input.Offsets.Reminders) != 1 || s.Input.Offsets.Reminders[0] != time.Minute {
		t.Fatalf("started with offsets %+v, want %+v", s.Input.Offsets, offsets)
	}
}
