package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/accessrequest"
)

// Def is a workflow function with its registration options.
type Def struct {
	Fn      any
	Options workflow.RegisterOptions
}

// All lists every workflow of the project, for the worker and the replayer.
func All() []Def {
	return []Def{
		{Fn: accessrequest.Workflow, Options: workflow.RegisterOptions{Name: accessrequest.WorkflowName}},
	}
}
