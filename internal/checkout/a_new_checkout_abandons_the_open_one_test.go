package checkout_test

import (
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/models"
)

// TestANewCheckoutAbandonsTheOpenOne (G1): one checkout per user and site
// is open; starting another abandons it (and its audit row names the one
// it replaces), and an abandoned checkout takes no more changes. Starts
// racing each other leave exactly one open.
func TestANewCheckoutAbandonsTheOpenOne(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.add("D0R4ZLL", 1)
	first := f.start()
	second := f.start()
	if first == second {
		t.Fatal("the same checkout twice")
	}
	v, err := f.svc.Load(ctx, f.owner, first)
	if err != nil || v.Status != models.CheckoutAbandoned || v.ReadyToOrder {
		t.Fatalf("the first checkout: %+v %v", v, err)
	}
	err = f.svc.SetDetails(ctx, f.actor, f.owner, first, us(), nil)
	if !errors.Is(err, checkout.ErrNotOpen) {
		t.Errorf("details on an abandoned checkout = %v, want ErrNotOpen", err)
	}
	var replaces string
	f.db.Raw(`SELECT after->>'replaces' FROM audit_log WHERE action = 'checkout.started' ORDER BY id DESC LIMIT 1`).Scan(&replaces)
	if want := "[" + strconv.FormatInt(first, 10) + "]"; replaces != want {
		t.Errorf("the second start's audit row replaces %s, want %s", replaces, want)
	}

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.svc.Start(ctx, f.actor, f.owner)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a racing start: %v", err)
		}
	}
	var open int64
	f.db.Raw(`SELECT count(*) FROM checkouts WHERE status = 'open'`).Scan(&open)
	if open != 1 {
		t.Errorf("%d open checkouts, want 1", open)
	}
}
