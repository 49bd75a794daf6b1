package order

import (
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// notify queues one notice under the order's outbox key for step. The
// notice runs beside the process: one that cannot be queued within its
// bounded retries is recorded as a failure, never a stop. The workflow
// waits for notices in flight before it returns.
func (w *orderFlow) notify(ctx workflow.Context, step, template, audience string) {
	st := w.state
	if st.Payment.Card != nil {
		c := *st.Payment.Card
		c.Token = "" // the email shows brand and last four only
		st.Payment.Card = &c
	}
	n := NoticeRequest{Key: NoticeKey(w.in.Reference, step), Template: template, Audience: audience, Input: w.in, State: st}
	f := workflow.ExecuteActivity(policy.Notice(ctx), ActivityQueueOrderNotice, n)
	w.notices++
	workflow.Go(ctx, func(ctx workflow.Context) {
		defer func() { w.notices-- }()
		if err := f.Get(ctx, nil); err != nil {
			w.fail(ctx, step, err)
		}
	})
}

// fail records a side effect the process goes on without, and logs it.
func (w *orderFlow) fail(ctx workflow.Context, step string, err error) {
	errType, msg := policy.Describe(err)
	w.failures = append(w.failures, Failure{Step: step, Type: errType, Message: msg})
	workflow.GetLogger(ctx).Warn("side effect failed; the process goes on", "step", step, "type", errType, "error", err)
}
