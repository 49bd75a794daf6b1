package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/reconcile"
	"github.com/pao/pao/workflows/renewal"
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
		{Fn: quote.Workflow, Options: workflow.RegisterOptions{Name: quote.WorkflowName}},
		{Fn: order.Workflow, Options: workflow.RegisterOptions{Name: order.WorkflowName}},
		{Fn: renewal.Workflow, Options: workflow.RegisterOptions{Name: renewal.WorkflowName}},
		{Fn: reconcile.Workflow, Options: workflow.RegisterOptions{Name: reconcile.WorkflowName}},
		{Fn: discovery.Workflow, Options: workflow.RegisterOptions{Name: discovery.WorkflowName}},
	}
}
