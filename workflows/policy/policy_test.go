package policy_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/workflows/policy"
)

// A side effect's retries are bounded; a database write's are bounded in
// time only; both stop at once on every shared permanent type.
func TestRetryPoliciesStopOnPermanentErrors(t *testing.T) {
	if n := policy.NoticeRetry().MaximumAttempts; n <= 0 || n != policy.NoticeAttempts {
		t.Fatalf("notice attempts = %d, want the bound %d", n, policy.NoticeAttempts)
	}
	if n := policy.DatabaseRetry().MaximumAttempts; n != 0 {
		t.Fatalf("database attempts = %d, want unlimited within DatabaseOutage", n)
	}
	for _, p := range []*temporal.RetryPolicy{policy.NoticeRetry(), policy.DatabaseRetry()} {
		for _, typ := range []string{policy.ErrInvalidInput, policy.ErrNoRecipients, policy.ErrNotFound, policy.ErrDataException, policy.ErrIntegrityViolation} {
			if !slices.Contains(p.NonRetryableErrorTypes, typ) {
				t.Errorf("%s is retried by %+v", typ, p)
			}
		}
	}
}

// ErrorType and Describe find the application error however deeply it is
// wrapped (an activity's failure arrives inside an ActivityError), and
// report none for other errors.
func TestErrorTypeFindsTheApplicationError(t *testing.T) {
	app := temporal.NewNonRetryableApplicationError("no recipients for approvers", policy.ErrNoRecipients, nil)
	wrapped := fmt.Errorf("notify: %w", fmt.Errorf("activity: %w", app))
	if got := policy.ErrorType(wrapped); got != policy.ErrNoRecipients {
		t.Fatalf("ErrorType = %q", got)
	}
	if typ, msg := policy.Describe(wrapped); typ != policy.ErrNoRecipients || msg != "no recipients for approvers" {
		t.Fatalf("Describe = %q, %q", typ, msg)
	}
	plain := errors.New("connection refused")
	if typ, msg := policy.Describe(plain); typ != "" || msg != "connection refused" || policy.ErrorType(plain) != "" {
		t.Fatalf("Describe(plain) = %q, %q", typ, msg)
	}
}
