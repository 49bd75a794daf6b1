package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// The status query answers the pending state while the request waits and
// the final state once decided.
func TestStatusQueryWhilePendingAndAfterTheOutcome(t *testing.T) {
	in := nominationInput()
	h := newHarness(t, in)
	at10 := h.queryAt(10 * time.Hour)
	dec := h.decide(20*time.Hour, reject(primary(), "no"))
	h.run()
	dec.MustComplete(t)
	if at10.Status != models.StatusPending || at10.RequestID != in.RequestID || at10.Kind != models.KindNomination ||
		at10.Reminded || at10.Escalated || at10.Finalized || at10.DecidedBy != "" {
		t.Fatalf("query at 10h = %+v", at10)
	}
	if q := h.query(); q.Status != models.StatusRejected || !q.Finalized {
		t.Fatalf("query after completion = %+v", q)
	}
}
