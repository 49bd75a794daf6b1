// Package wftest is the shared harness of the workflow packages' tests
// (workflows/order, workflows/renewal, workflows/quote,
// workflows/accessrequest): updates sent in the SDK's test environment and
// what their callbacks reported (Outcome), the status query and the
// result, the search attributes upserted, a recorder of the fake
// activities' calls, the registration check and the replay of recorded
// histories. Runs on the real Temporal dev server that record those
// histories are in wftest/devserver. It is for tests only.
package wftest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

// QuietLogger discards what it is given (the SDK logs every retry and
// every non-determinism with a stack trace).
func QuietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// NewEnv is a test workflow environment (time skipping) that logs nothing.
func NewEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(QuietLogger())
	return s.NewTestWorkflowEnvironment()
}

// MockActivities replaces each activity, by name, with its fake (the
// environment panics on a name the worker does not register).
func MockActivities(env *testsuite.TestWorkflowEnvironment, fakes map[string]any) {
	for name, fn := range fakes {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(fn)
	}
}

// WantSeq fails the test unless got is want, in order.
func WantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// RefusedField is the field a refusal names in its details.
func RefusedField(err error) string {
	var app *temporal.ApplicationError
	var field string
	if !errors.As(err, &app) || !app.HasDetails() || app.Details(&field) != nil {
		return ""
	}
	return field
}

// AsJSON renders v for comparing states that crossed a data converter.
func AsJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Map renders each of xs with f (a call as the string a test compares).
func Map[X any](xs []X, f func(X) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// MustBeRegistered mocks each activity name, which panics on a name the
// worker registered on env does not register, and proves the guard
// bites: mocking unregistered (an activity renamed on one side only)
// panics.
func MustBeRegistered(t *testing.T, env *testsuite.TestWorkflowEnvironment, unregistered string, names ...string) {
	t.Helper()
	for _, name := range names {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(nil) // panics if unregistered
	}
	defer func() {
		t.Helper()
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), "not registered") {
			t.Fatalf("mocking an unregistered activity did not panic as expected: %v", r)
		}
	}()
	env.OnActivity(unregistered, mock.Anything, mock.Anything).Return(nil)
}
