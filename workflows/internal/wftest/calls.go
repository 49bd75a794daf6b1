package wftest

import (
	"context"
	"slices"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
)

// Call is what every recorded activity call carries; a package's call type
// embeds it.
type Call struct {
	Activity string
	At       time.Time // Now (the environment's skipped clock) at the attempt
	Attempt  int32
	Failed   bool // the fake returned an error for this attempt
}

// Base lets a Recorder fill in the Call of a package's call type.
func (c *Call) Base() *Call { return c }

// Recorder records every attempt of the fake activities (failed ones
// included); C is the package's call type, which embeds Call.
type Recorder[C any, P interface {
	*C
	Base() *Call
}] struct {
	mu    sync.Mutex
	calls []C
	// Now is the clock of the attempts (the test environment's).
	Now func() time.Time
	// Fail, when set, fails any attempt it returns an error for.
	Fail func(c C) error
}

// Do records c, an attempt of the named activity (that of ctx); err is the
// activity's own outcome, Fail may add one.
func (r *Recorder[C, P]) Do(ctx context.Context, name string, c C, err error) error {
	b := P(&c).Base()
	b.Activity, b.At, b.Attempt = name, r.Now(), activity.GetInfo(ctx).Attempt
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil && r.Fail != nil {
		err = r.Fail(c)
	}
	b.Failed = err != nil
	r.calls = append(r.calls, c)
	return err
}

// All returns the attempts of the named activities (of every activity
// without names), failed ones included, in order.
func (r *Recorder[C, P]) All(names ...string) []C {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []C
	for _, c := range r.calls {
		if len(names) == 0 || slices.Contains(names, P(&c).Base().Activity) {
			out = append(out, c)
		}
	}
	return out
}

// OK returns the calls of the named activities (of every activity without
// names) that succeeded, in order.
func (r *Recorder[C, P]) OK(names ...string) []C {
	var out []C
	for _, c := range r.All(names...) {
		if !P(&c).Base().Failed {
			out = append(out, c)
		}
	}
	return out
}
