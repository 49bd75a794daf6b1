package e2e_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// A card declined for insufficient funds (G5) is a final, explained
// outcome of that attempt: the order says why and the buyer is told;
// nothing is charged. The buyer pays again with another card: a new
// attempt with its own keys, one capture in the ledger, the order
// completes. Paying again once it is no longer declined is a 409.
func TestDeclinedCardThenAnotherCard(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)
	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 4}, http.StatusCreated, nil)
	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardInsufficientFunds, "123"))
	o := placeOrder(t, w, me, "300001", id, "decline-1", http.StatusCreated)
	declined := waitOrder(t, w, me, o.Reference, "payment_declined")
	if !strings.Contains(declined.StatusReason, "declined") {
		t.Fatalf("declined order's reason: %q", declined.StatusReason)
	}

	bad := w.Do("POST", "/v1/orders/"+o.Reference+"/payment", me, card("4242 4242 4242 4241", "123"))
	if bad.Status != http.StatusBadRequest || !strings.Contains(string(bad.Body), "card.number") {
		t.Fatalf("a number failing Luhn = %d %s", bad.Status, bad.Body)
	}
	orderCall(t, w, "POST", "/v1/orders/"+o.Reference+"/payment", me, card(payment.TestCardVisa, "123"), http.StatusOK, nil)
	done := waitOrder(t, w, me, o.Reference, "completed")
	if done.Payment.Last4 != "4242" {
		t.Fatalf("the order shows the card %+v, want the one that paid", done.Payment)
	}
	r := w.Do("POST", "/v1/orders/"+o.Reference+"/payment", me, card(payment.TestCardVisa, "123"))
	if r.Status != http.StatusConflict {
		t.Fatalf("paying a completed order again = %d %s", r.Status, r.Body)
	}

	entries, err := w.Runtime.Gateway.(*payment.Sandbox).Ledger(context.Background(), "order/"+o.Reference+"/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, strings.TrimPrefix(e.Key, "order/"+o.Reference+"/")+" "+e.Outcome)
	}
	want := []string{"payment/1/authorize declined", "payment/2/authorize approved", "payment/2/capture approved"}
	if !slices.Equal(got, want) {
		t.Fatalf("ledger %q, want %q", got, want)
	}
	eventually(t, 20*time.Second, func() string {
		for _, m := range w.sink.Messages() {
			if strings.Contains(m.Subject, "Payment declined for order "+o.Reference) && slices.Contains(m.To, alice) {
				return ""
			}
		}
		return "no decline email: " + strings.Join(subjects(w.sink.Messages()), "; ")
	})
}
