package quote

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// notify queues one notice under the quote's outbox key for step, about
// version v and change c when given. The notice runs beside the process:
// the clock does not wait for it, and one that cannot be queued within its
// bounded retries is recorded as a failure, never a stop. The workflow
// waits for notices in flight before it returns or continues as new.
func (w *quoteFlow) notify(ctx workflow.Context, step, template string, aud Audience, v *Version, c *Change, reason string) {
	n := NoticeRequest{
		Key: NoticeKey(w.in.QuoteNumber, step), Template: template, Audience: aud,
		Input: w.in, Status: w.state.Status, Version: v, Change: c, Reason: reason,
	}
	n.Input.Lines = nil // the email shows the version; the request lines are in Postgres
	f := workflow.ExecuteActivity(policy.Notice(ctx), ActivityQueueQuoteNotice, n)
	w.notices++
	workflow.Go(ctx, func(ctx workflow.Context) {
		defer func() { w.notices-- }()
		if err := f.Get(ctx, nil); err != nil {
			w.fail(ctx, step, err)
		}
	})
}

// fail records a side effect the process goes on without, and logs it.
func (w *quoteFlow) fail(ctx workflow.Context, step string, err error) {
	errType, msg := policy.Describe(err)
	w.failures = append(w.failures, Failure{Step: step, Type: errType, Message: msg})
	workflow.GetLogger(ctx).Warn("side effect failed; the process goes on", "step", step, "type", errType, "error", err)
}
