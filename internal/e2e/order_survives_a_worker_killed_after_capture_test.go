package e2e_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// captureThenHang is the worker's gateway in the crash test: the capture
// reaches the processor and commits there, then the worker dies before it
// can report it (the call hangs until the worker is stopped).
type captureThenHang struct {
	payment.Gateway
	once     sync.Once
	captured chan struct{}
}

func (g *captureThenHang) Capture(ctx context.Context, key, authID string, amount models.Money) (payment.Capture, error) {
	c, err := g.Gateway.Capture(ctx, key, authID, amount)
	if err != nil {
		return c, err
	}
	g.once.Do(func() { close(g.captured) })
	<-ctx.Done() // the worker is killed here, before the result is reported
	return payment.Capture{}, ctx.Err()
}

// The worker is killed right after the capture committed at the processor
// and restarted (issue 10 crash test): the capture activity runs again
// with the same idempotency key, the processor answers with the capture it
// already made, the ledger holds exactly one capture and the order
// completes.
func TestAnOrderSurvivesAWorkerKilledRightAfterTheCapture(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{NoWorker: true})
	sandbox := w.Runtime.Gateway
	hang := &captureThenHang{Gateway: sandbox, captured: make(chan struct{})}
	w.Runtime.Gateway = hang
	w.StartWorker()
	me := w.Token(alice)

	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 10}, http.StatusCreated, nil)
	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardVisa, "123"))
	o := placeOrder(t, w, me, "300001", id, "crash-1", http.StatusCreated)

	select {
	case <-hang.captured:
	case <-time.After(30 * time.Second):
		t.Fatal("the capture never reached the processor")
	}
	w.StopWorker() // killed mid-activity: the capture's result is never reported
	w.Runtime.Gateway = sandbox
	w.StartWorker()

	eventually(t, 90*time.Second, func() string {
		r := w.Do("GET", "/v1/orders/"+o.Reference, me, nil)
		var got orderDoc
		r.JSON(t, &got)
		if got.Status != "completed" {
			return "order is " + got.Status
		}
		return ""
	})
	entries, err := sandbox.(*payment.Sandbox).Ledger(context.Background(), "order/"+o.Reference+"/")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	if kinds["capture"] != 1 || kinds["authorize"] != 1 {
		t.Fatalf("ledger after the crash: %+v", entries)
	}
}
