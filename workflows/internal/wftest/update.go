package wftest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/workflows/policy"
)

// Outcome is what an update's callbacks reported; State is its answer
// when it completed without error.
type Outcome[S any] struct {
	Name      string
	Sent      bool
	Accepted  bool
	Rejected  bool
	RejectErr error
	Completed bool
	Err       error
	State     S
	// OnComplete, if set, runs when the update completes (e.g. to look at
	// the activity calls made so far).
	OnComplete func()
}

// Update sends an update `at` after the start (updates at the same instant
// are delivered in the order they were registered).
func Update[S any](env *testsuite.TestWorkflowEnvironment, t *testing.T, at time.Duration, name string, args ...any) *Outcome[S] {
	return UpdateByID[S](env, t, at, "", name, args...)
}

// UpdateByID sends an update to another workflow of the environment (a
// child), or to the workflow under test when workflowID is empty.
func UpdateByID[S any](env *testsuite.TestWorkflowEnvironment, t *testing.T, at time.Duration, workflowID, name string, args ...any) *Outcome[S] {
	o := &Outcome[S]{Name: name}
	if workflowID != "" {
		o.Name = workflowID + " " + name
	}
	id := fmt.Sprintf("%s-%d-%s", name, at, uuid.NewString()[:8])
	cb := &testsuite.TestUpdateCallback{
		OnAccept: func() { o.Accepted = true },
		OnReject: func(err error) { o.Rejected, o.RejectErr = true, err },
		OnComplete: func(res any, err error) {
			o.Completed, o.Err = true, err
			if err == nil {
				o.State = ToState[S](t, res)
			}
			if o.OnComplete != nil {
				o.OnComplete()
			}
		},
	}
	env.RegisterDelayedCallback(func() {
		o.Sent = true
		if workflowID == "" {
			env.UpdateWorkflow(name, id, cb, args...)
		} else if err := env.UpdateWorkflowByID(workflowID, name, id, cb, args...); err != nil {
			o.Rejected, o.RejectErr = true, err
		}
	}, at)
	return o
}

// ToState converts an update result: the test environment delivers the
// handler's return value as is; other shapes go through JSON.
func ToState[S any](t *testing.T, res any) S {
	t.Helper()
	switch v := res.(type) {
	case S:
		return v
	case *S:
		return *v
	}
	var st S
	b, err := json.Marshal(res)
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	if err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	return st
}

// MustComplete asserts the update was accepted and completed without
// error, and returns its answer.
func (o *Outcome[S]) MustComplete(t *testing.T) S {
	t.Helper()
	if !o.Sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.Name)
	}
	if o.Rejected {
		t.Fatalf("%s: update rejected: %v", o.Name, o.RejectErr)
	}
	if !o.Accepted || !o.Completed || o.Err != nil {
		t.Fatalf("%s: accepted=%v completed=%v err=%v", o.Name, o.Accepted, o.Completed, o.Err)
	}
	return o.State
}

// MustRefuse asserts the validator refused the update with errType.
func (o *Outcome[S]) MustRefuse(t *testing.T, errType string) {
	t.Helper()
	if !o.Sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.Name)
	}
	if !o.Rejected || o.Accepted || o.Completed {
		t.Fatalf("%s: want refusal %s, got rejected=%v accepted=%v completed=%v err=%v", o.Name, errType, o.Rejected, o.Accepted, o.Completed, o.Err)
	}
	if got := policy.ErrorType(o.RejectErr); got != errType {
		t.Fatalf("%s: refusal type = %q (%v), want %q", o.Name, got, o.RejectErr, errType)
	}
}

// MustFail asserts the update was accepted and then failed with errType.
func (o *Outcome[S]) MustFail(t *testing.T, errType string) {
	t.Helper()
	if !o.Sent || !o.Accepted || !o.Completed {
		t.Fatalf("%s: sent=%v accepted=%v completed=%v rejected=%v (%v)", o.Name, o.Sent, o.Accepted, o.Completed, o.Rejected, o.RejectErr)
	}
	if got := policy.ErrorType(o.Err); got != errType {
		t.Fatalf("%s: error type = %q (%v), want %q", o.Name, got, o.Err, errType)
	}
}

// Execute runs the workflow to its end.
func Execute(t *testing.T, env *testsuite.TestWorkflowEnvironment, workflowName string, in any) {
	t.Helper()
	env.ExecuteWorkflow(workflowName, in)
	if !env.IsWorkflowCompleted() {
		t.Fatal("workflow did not complete")
	}
}

// Result is the workflow's result, failing the test on a workflow error.
func Result[S any](t *testing.T, env *testsuite.TestWorkflowEnvironment) S {
	t.Helper()
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	var st S
	if err := env.GetWorkflowResult(&st); err != nil {
		t.Fatalf("get result: %v", err)
	}
	return st
}

// Query is the answer of the query.
func Query[S any](t *testing.T, env *testsuite.TestWorkflowEnvironment, query string) S {
	t.Helper()
	v, err := env.QueryWorkflow(query)
	if err != nil {
		t.Fatalf("query %s: %v", query, err)
	}
	var st S
	if err := v.Get(&st); err != nil {
		t.Fatalf("decode query %s: %v", query, err)
	}
	return st
}

// QueryAt records the query's answer `at` after the start.
func QueryAt[S any](t *testing.T, env *testsuite.TestWorkflowEnvironment, at time.Duration, query string) *S {
	st := new(S)
	env.RegisterDelayedCallback(func() { *st = Query[S](t, env, query) }, at)
	return st
}
