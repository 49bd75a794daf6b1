package reconcile_test

import (
	"testing"
	"time"

	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/reconcile"
)

// Input no pass can honour is refused before any page is read.
func TestInvalidInputIsRefused(t *testing.T) {
	for name, in := range map[string]reconcile.Input{
		"negative grace":      {Grace: -time.Minute},
		"negative page size":  {PageSize: -1},
		"page size too large": {PageSize: reconcile.MaxPageSize + 1},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, func(a attempt) (reconcile.PageResult, error) { return reconcile.PageResult{Last: true}, nil })
			_, err := h.run(t, in)
			if policy.ErrorType(err) != policy.ErrInvalidInput {
				t.Fatalf("pass error = %v, want %s", err, policy.ErrInvalidInput)
			}
			if n := len(h.pages.all()); n != 0 {
				t.Fatalf("%d pages read", n)
			}
		})
	}
}

// A page whose cursor does not move ends the pass instead of looping.
func TestACursorThatDoesNotAdvanceEndsThePass(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) {
		return reconcile.PageResult{Checked: 1, Next: "nomination/300001/7"}, nil
	})
	_, err := h.run(t, reconcile.Input{After: "nomination/300001/7"})
	if policy.ErrorType(err) != policy.ErrInvalidInput {
		t.Fatalf("pass error = %v, want %s", err, policy.ErrInvalidInput)
	}
}
