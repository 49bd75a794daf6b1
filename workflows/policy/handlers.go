package policy

import (
	"fmt"

	"go.temporal.io/sdk/workflow"
)

// Update is an update handler with its validator, as a workflow's setup()
// registers it.
type Update struct {
	Name      string
	Fn        any
	Validator any
}

// RegisterHandlers registers the workflow's status query (answering
// view()) and its update handlers, before anything blocks.
func RegisterHandlers[S any](ctx workflow.Context, query string, view func() S, updates ...Update) error {
	if err := workflow.SetQueryHandler(ctx, query, func() (S, error) { return view(), nil }); err != nil {
		return fmt.Errorf("register query %s: %w", query, err)
	}
	for _, u := range updates {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, u.Name, u.Fn, workflow.UpdateHandlerOptions{Validator: u.Validator}); err != nil {
			return fmt.Errorf("register %s: %w", u.Name, err)
		}
	}
	return nil
}

// AwaitHandlers waits, on every path out of a workflow, for the update
// handlers and the side effects in flight (idle reports none left), and
// returns the error the workflow ends with: err, or the wait's own error
// when err is nil (logged when both are set).
func AwaitHandlers(ctx workflow.Context, idle func() bool, err error) error {
	werr := workflow.Await(ctx, func() bool { return idle() && workflow.AllHandlersFinished(ctx) })
	switch {
	case werr != nil && err == nil:
		return fmt.Errorf("await handlers: %w", werr)
	case werr != nil:
		workflow.GetLogger(ctx).Error("await handlers", "error", werr, "failing_with", err)
	}
	return err
}
