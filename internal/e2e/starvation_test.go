package e2e_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestTemporalOutageDoesNotStarveOtherEndpoints submits more requests than
// the database pool has connections while Temporal is unreachable: no
// submission holds a database connection while it waits for Temporal, so
// reads keep answering, and each submission ends in a 503 problem, not a
// hang.
func TestTemporalOutageDoesNotStarveOtherEndpoints(t *testing.T) {
	ts := testenv.OwnTemporal(t)
	w := startWorld(t, nil, testenv.Options{Temporal: ts})
	w.StopWorker()
	if err := ts.Stop(); err != nil {
		t.Fatal(err)
	}

	const submitters = 30 // the pool has 20 connections
	statuses := make(chan int, submitters)
	var wg sync.WaitGroup
	for i := range submitters {
		who := fmt.Sprintf("starved%02d@newcomer.example.com", i)
		wg.Go(func() {
			r := w.Do("POST", "/v1/nominations", w.Token(who), map[string]string{
				"customer_number": "1000001", "site_number": "300001", "name": "Starved", "email": who,
				"company": "Newcomer", "phone": "+15125550100", "reason": "waiting for Temporal",
			})
			statuses <- r.Status
		})
	}
	time.Sleep(time.Second) // the submissions are waiting for Temporal now

	reads := 0
	for range 10 {
		r := w.Do("GET", "/v1/sites/300001/contacts", w.Token(alice), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("contacts while submissions wait for Temporal = %d %s", r.Status, r.Body)
		}
		reads++
	}
	if len(statuses) == submitters {
		t.Fatal("the submissions did not wait for Temporal: the test proves nothing")
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusServiceUnavailable {
			t.Errorf("submission with Temporal down = %d, want 503", s)
		}
	}
	var rows int64
	if err := w.Runtime.DB.Raw("SELECT count(*) FROM access_requests").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Errorf("%d request rows written by the API with Temporal down", rows)
	}
	t.Logf("%d reads answered while %d submissions waited", reads, submitters)
}
