package reconcile_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/reconcile"
)

// A page that fails for a while (an outage of PostgreSQL or Temporal) is
// retried with backoff, and the pass goes on from the same cursor.
func TestAFailingPageIsRetried(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) {
		if a.Attempt < 3 {
			return reconcile.PageResult{}, errOutage
		}
		return reconcile.PageResult{Checked: 1, Closed: 1, Next: "nomination/300001/7", Last: true}, nil
	})
	res, err := h.run(t, reconcile.Input{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Closed != 1 {
		t.Fatalf("result = %+v", res)
	}
	got := h.pages.all()
	if len(got) != 3 {
		t.Fatalf("%d attempts, want 3", len(got))
	}
	if !got[2].At.After(got[0].At) {
		t.Fatalf("retried without backoff: %v then %v", got[0].At, got[2].At)
	}
}

// A page that keeps failing fails the pass after PageAttempts attempts
// with backoff (minutes, skipped here), within its deadline, instead of
// retrying for ever: the Schedule's next pass starts over.
func TestAPageThatKeepsFailingEndsThePass(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) { return reconcile.PageResult{}, errOutage })
	start := h.env.Now()
	_, err := h.run(t, reconcile.Input{})
	if err == nil || !strings.Contains(err.Error(), errOutage.Error()) {
		t.Fatalf("pass error = %v, want the page's last failure", err)
	}
	attempts := h.pages.all()
	elapsed := attempts[len(attempts)-1].At.Sub(start)
	if len(attempts) != reconcile.PageAttempts || elapsed < time.Minute || elapsed > reconcile.PageDeadline {
		t.Fatalf("%d attempts over %s, want %d within %s", len(attempts), elapsed, reconcile.PageAttempts, reconcile.PageDeadline)
	}
}

// A permanent failure (here: input the activity refuses) ends the pass at
// once, without retries.
func TestAPermanentFailureIsNotRetried(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) {
		return reconcile.PageResult{}, temporal.NewNonRetryableApplicationError("bad page", policy.ErrInvalidInput, nil)
	})
	_, err := h.run(t, reconcile.Input{})
	if !slices.Contains(errorTypes(err), policy.ErrInvalidInput) {
		t.Fatalf("pass error = %v, want %s", err, policy.ErrInvalidInput)
	}
	if n := len(h.pages.all()); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
}
