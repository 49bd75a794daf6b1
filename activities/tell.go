package activities

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// tell sends another process's workflow the update name with arg and waits
// for its answer. An answer that refuses (the workflow's validator or
// handler) or a workflow that is gone comes back as refused, a sentence
// naming the workflow; Temporal being unreachable is an error to retry.
func (d Deps) tell(ctx context.Context, workflowID, name string, arg any) (refused string, err error) {
	h, err := d.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: workflowID, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	var app *temporal.ApplicationError
	var gone *serviceerror.NotFound
	switch {
	case err == nil:
		return "", nil
	case errors.As(err, &app), errors.As(err, &gone):
		return workflowID + ": " + err.Error(), nil
	}
	return "", fmt.Errorf("%s %s: %w", name, workflowID, err)
}
