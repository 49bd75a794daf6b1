package accessrequest

import "go.temporal.io/sdk/workflow"

// WorkflowWithoutVersionGate is the workflow with the workflow-owns-row
// change applied unconditionally, as if it had not been put behind
// workflow.GetVersion: the replay test proves old histories then fail.
func WorkflowWithoutVersionGate(ctx workflow.Context, in Input) (State, error) {
	w := newAccessRequest(in)
	w.getVersion = func(workflow.Context) workflow.Version { return versionWorkflowOwnsRow }
	return w.execute(ctx)
}
