// Package worker builds the Temporal worker: it registers every workflow and
// activity of the project on the configured task queue, and creates or
// updates the Schedules that start workflows on it (EnsureSchedules).
package worker

import (
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/workflows"
)

// New returns a worker on taskQueue with everything registered; the caller
// starts and stops it. onFatal is told if the worker dies on its own.
func New(c client.Client, taskQueue string, deps activities.Deps, onFatal func(error)) sdkworker.Worker {
	w := sdkworker.New(c, taskQueue, sdkworker.Options{OnFatalError: onFatal})
	Register(w, deps)
	return w
}

// Register registers every workflow and activity on r (a worker, or a test
// environment).
func Register(r sdkworker.Registry, deps activities.Deps) {
	for _, wf := range workflows.All() {
		r.RegisterWorkflowWithOptions(wf.Fn, wf.Options)
	}
	for _, a := range activities.All(deps) {
		r.RegisterActivity(a)
	}
}
