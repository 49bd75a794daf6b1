package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestOrderSubmissionNoWorkerHasOpenedIs202 (SPEC G5, docs/api.md): when
// the order's workflow started but no worker has opened the order yet,
// the submission is accepted — 202 with the reference and its Location,
// not a 503: Temporal answered — and the same key and body again is the
// same reference. Once a worker runs, the workflow that was started opens
// that order, and the same submission answers 200 with it.
func TestOrderSubmissionNoWorkerHasOpenedIs202(t *testing.T) {
	t.Parallel()
	a := startSeeded(t) // no worker
	id := orderReadyCheckout(t, a, alice, "300001")
	body := map[string]any{"checkout_id": id}
	const key = "no-worker-yet-1"

	var refs []string
	for i := 0; i < 2; i++ {
		r := orderSubmit(t, a, "300001", alice, body, key)
		if r.Status != http.StatusAccepted {
			t.Fatalf("submission %d without a worker = %d, want 202: %s", i+1, r.Status, r.Body)
		}
		var v struct {
			Reference string `json:"reference"`
			Status    string `json:"status"`
		}
		r.JSON(t, &v)
		if !models.ValidOrderReference(v.Reference) || v.Status != string(models.OrderSubmitted) ||
			r.Header.Get("Location") != "/v1/orders/"+v.Reference {
			t.Errorf("202 = %s (Location %q), want a reference, status submitted and its Location", r.Body, r.Header.Get("Location"))
		}
		refs = append(refs, v.Reference)
	}
	if refs[0] != refs[1] {
		t.Fatalf("the same key and body got references %v, want one", refs)
	}
	ref := refs[0]
	if n := count(t, a.Runtime.DB, "order_submissions"); n != 1 {
		t.Errorf("%d submissions reserved, want 1", n)
	}
	tok := tokenFor(a, alice)
	if r := a.Do("GET", "/v1/orders/"+ref, tok, nil); r.Status != http.StatusNotFound {
		t.Errorf("GET the order before it is opened = %d, want 404: %s", r.Status, r.Body)
	}

	a.StartWorker()
	deadline := time.Now().Add(30 * time.Second)
	for {
		r := a.Do("GET", "/v1/orders/"+ref, tok, nil)
		if r.Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the started workflow did not open %s once a worker ran: %d %s", ref, r.Status, r.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	r := orderSubmit(t, a, "300001", alice, body, key)
	var v struct {
		Reference string `json:"reference"`
	}
	if r.Status != http.StatusOK {
		t.Fatalf("the same submission once opened = %d, want 200: %s", r.Status, r.Body)
	}
	if r.JSON(t, &v); v.Reference != ref {
		t.Errorf("the same submission once opened is %s, want %s", v.Reference, ref)
	}
}
