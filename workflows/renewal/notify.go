package renewal

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// notify queues one notice under the renewal's outbox key for step (the
// site, the due date and the step: never the run, so a reset or a
// continued run queues each notice once). The notice runs beside the
// process: the clock does not wait for it, and one that cannot be queued
// within its bounded retries is recorded as a failure, never a stop. The
// workflow waits for notices in flight before it returns or continues as
// new. by names who acted, when a person did.
func (w *renewalFlow) notify(ctx workflow.Context, step, template, audience, by string) {
	n := NoticeRequest{
		Key: NoticeKey(w.in.SiteNumber, w.in.DueDate, step), Template: template, Audience: audience,
		Input: w.in, State: w.state, By: by,
	}
	f := workflow.ExecuteActivity(policy.Notice(ctx), ActivityQueueRenewalNotice, n)
	w.notices++
	workflow.Go(ctx, func(ctx workflow.Context) {
		defer func() { w.notices-- }()
		if err := f.Get(ctx, nil); err != nil {
			w.fail(ctx, step, err)
		}
	})
}

// fail records a side effect the process goes on without, and logs it.
func (w *renewalFlow) fail(ctx workflow.Context, step string, err error) {
	errType, msg := policy.Describe(err)
	w.failures = append(w.failures, Failure{Step: step, Type: errType, Message: msg})
	workflow.GetLogger(ctx).Warn("side effect failed; the process goes on", "step", step, "type", errType, "error", err)
}
