package discovery_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/renewal"
)

// A pass starts renewal/<site>/<due> for every site with coverage due in
// the window, with the site's and customer's ids and numbers, the due date
// and the calendar, on the worker's task queue; a second pass finds the
// same (no renewal has written its row yet) and starts none of them again:
// each is a skip, not an error, and keeps its first run.
func TestTwoPassesStartEachRenewalOnce(t *testing.T) {
	w := newWorld(t)
	due := map[string]time.Time{"900001": today().AddDate(0, 0, 10), "900002": today().AddDate(0, 0, 50), "900003": today().AddDate(0, 0, 120)}
	ids := map[string]int64{}
	for n, d := range due {
		ids[n] = w.site(t, n)
		w.cover(t, ids[n], 0, d)
	}

	first, _ := w.pass(t, input())
	if first.Found != 3 || first.Started != 3 || first.Skipped != 0 {
		t.Fatalf("first pass = %+v, want 3 found and started", first)
	}
	runs := map[string]string{}
	for n, d := range due {
		s := w.mustStart(t, n, d)
		want := renewal.Input{SiteID: ids[n], SiteNumber: n, CustomerID: w.customer, CustomerNumber: "9000001", DueDate: d, Offsets: models.DefaultRenewalOffsets()}
		if !reflect.DeepEqual(s.Input, want) {
			t.Errorf("%s started with %+v, want %+v", n, s.Input, want)
		}
		if s.TaskQueue != w.renewals {
			t.Errorf("%s started on %q, want the worker's task queue %q", n, s.TaskQueue, w.renewals)
		}
		runs[n] = s.RunID
	}

	second, _ := w.pass(t, input())
	if want := (discovery.Result{Pages: 1, Found: 3, Started: 0, Skipped: 3}); second != want {
		t.Fatalf("second pass = %+v, want %+v", second, want)
	}
	for n, d := range due {
		if s := w.mustStart(t, n, d); s.RunID != runs[n] {
			t.Errorf("%s has another run after the second pass: %s, then %s", n, runs[n], s.RunID)
		}
	}
}
