package api_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/models"
)

// TestOrderSubmissionNoWorkerHasOpenedIs202 (SPEC G5, docs/api.md): when
// the order's workflow started but no worker has opened the order yet,
// the submission is accepted — 202 with the reference and its Location,
// not a 503: Temporal answered — and the same key and body again is
// accepted as the same order. Once a worker runs, the same submission
// gets the process's answer (here 409: no such checkout).
func TestOrderSubmissionNoWorkerHasOpenedIs202(t *testing.T) {
	t.Parallel()
	a := startSeeded(t) // no worker
	body := map[string]any{"checkout_id": 987654321}
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
		t.Errorf("the same key and body got references %v, want one", refs)
	}
	if n := count(t, a.Runtime.DB, "order_submissions"); n != 1 {
		t.Errorf("%d submissions reserved, want 1", n)
	}

	a.StartWorker()
	if r := orderSubmit(t, a, "300001", alice, body, key); r.Status != http.StatusConflict {
		t.Errorf("with a worker, the same submission = %d, want 409 (no such checkout): %s", r.Status, r.Body)
	}
}
