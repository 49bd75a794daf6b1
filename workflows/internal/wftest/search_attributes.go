package wftest

import (
	"slices"
	"sync"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/internal/temporalx"
)

// SearchAttributeRecorder keeps every search-attribute upsert of a test
// environment, in order.
type SearchAttributeRecorder struct {
	mu      sync.Mutex
	upserts []temporal.SearchAttributes
}

// RecordSearchAttributes captures env's upserts (the mock covers all of
// them).
func RecordSearchAttributes(env *testsuite.TestWorkflowEnvironment) *SearchAttributeRecorder {
	r := &SearchAttributeRecorder{}
	env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.upserts = append(r.upserts, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return r
}

// Upserts are the search attributes upserted, in order.
func (r *SearchAttributeRecorder) Upserts() []temporal.SearchAttributes {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.upserts)
}

// ProcessStatuses are the ProcessStatus values upserted, in order.
func (r *SearchAttributeRecorder) ProcessStatuses() []string {
	var out []string
	for _, sa := range r.Upserts() {
		v, _ := sa.GetKeyword(temporalx.ProcessStatus)
		out = append(out, v)
	}
	return out
}
