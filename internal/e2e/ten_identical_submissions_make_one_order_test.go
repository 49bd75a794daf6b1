package e2e_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// Ten concurrent submissions of one checkout with one Idempotency-Key
// make one order and one charge (issue 10): one answer is 201, the other
// nine 200 with the same reference.
func TestTenIdenticalSubmissionsMakeOneOrderAndOneCharge(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)
	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 3}, http.StatusCreated, nil)
	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardMastercard, "321"))

	type answer struct {
		status int
		ref    string
	}
	answers := make([]answer, 10)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := w.DoWithHeaders("POST", "/v1/sites/300001/orders", me, map[string]any{"checkout_id": id},
				map[string]string{"Idempotency-Key": "same-key-10"})
			var o orderDoc
			if r.Status < 300 {
				r.JSON(t, &o)
			}
			answers[i] = answer{r.Status, o.Reference}
		}()
	}
	wg.Wait()
	created := 0
	for _, a := range answers {
		switch {
		case a.status == http.StatusCreated:
			created++
		case a.status != http.StatusOK:
			t.Fatalf("answers: %+v", answers)
		}
		if a.ref != answers[0].ref || a.ref == "" {
			t.Fatalf("answers name different orders: %+v", answers)
		}
	}
	if created != 1 {
		t.Fatalf("%d answers were 201, want 1: %+v", created, answers)
	}
	ref := answers[0].ref
	waitOrder(t, w, me, ref, "completed")
	var orders int64
	if err := w.Runtime.DB.Raw(`SELECT count(*) FROM orders WHERE checkout_id = ?`, id).Scan(&orders).Error; err != nil || orders != 1 {
		t.Fatalf("orders of the checkout = %d (%v)", orders, err)
	}
	entries, err := w.Runtime.Gateway.(*payment.Sandbox).Ledger(context.Background(), "order/")
	if err != nil {
		t.Fatal(err)
	}
	captures := 0
	for _, e := range entries {
		if e.Kind == "capture" {
			captures++
		}
	}
	if captures != 1 {
		t.Fatalf("captures in the ledger = %d, want 1: %+v", captures, entries)
	}
}
