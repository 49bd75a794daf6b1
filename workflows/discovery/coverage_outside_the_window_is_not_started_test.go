package discovery_test

import (
	"testing"
	"time"

	"github.com/pao/pao/workflows/discovery"
)

// The window runs from today to the verification offset plus the lead
// (the Schedule's interval) ahead, both ends included: coverage that ended
// yesterday, or ends a day after the window, starts no renewal.
func TestCoverageOutsideTheWindowIsNotStarted(t *testing.T) {
	w := newWorld(t)
	in := input()
	last := today().AddDate(0, 0, 121) // 120 days of verification and a day of lead
	cases := []struct {
		site string
		end  time.Time
		want bool
	}{
		{"900011", today().AddDate(0, 0, -1), false},
		{"900012", today(), true},
		{"900013", last, true},
		{"900014", last.AddDate(0, 0, 1), false},
		{"900015", today().AddDate(0, 0, 400), false},
	}
	for _, c := range cases {
		w.cover(t, w.site(t, c.site), 1, c.end)
	}
	res, _ := w.pass(t, in)
	if want := (discovery.Result{Pages: 1, Found: 2, Started: 2}); res != want {
		t.Errorf("pass = %+v, want %+v", res, want)
	}
	for _, c := range cases {
		if _, ok := w.renewal(t, c.site, c.end); ok != c.want {
			t.Errorf("coverage of %s ending %s: started = %v, want %v", c.site, c.end.Format(discovery.DateLayout), ok, c.want)
		}
	}

}
