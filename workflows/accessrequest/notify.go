package accessrequest

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// notify queues one notice under the request's outbox key for step. The
// notice runs beside the process: the timers do not wait for it, and one
// that cannot be queued within its bounded retries (nobody to send it to,
// a permanent error) is recorded as a failure, never a stop. The workflow
// waits for notices in flight before it returns.
func (w *accessRequest) notify(ctx workflow.Context, step, template string, aud Audience) {
	n := NoticeRequest{
		Key:      NoticeKey(w.in.RequestID, step),
		Template: template, Audience: aud, Input: w.in, State: w.state,
	}
	f := workflow.ExecuteActivity(policy.Notice(ctx), ActivityQueueNotice, n)
	w.notices++
	settle := func(ctx workflow.Context) {
		defer func() { w.notices-- }()
		if err := f.Get(ctx, nil); err != nil {
			w.fail(ctx, step, err)
		}
	}
	if w.version < versionWorkflowOwnsRow {
		settle(ctx) // recorded histories waited for each notice
		return
	}
	workflow.Go(ctx, settle)
}

// fail records a side effect the process goes on without, and logs it.
func (w *accessRequest) fail(ctx workflow.Context, step string, err error) {
	errType, msg := policy.Describe(err)
	w.failures = append(w.failures, Failure{Step: step, Type: errType, Message: msg})
	workflow.GetLogger(ctx).Warn("side effect failed; the process goes on", "step", step, "type", errType, "error", err)
}
