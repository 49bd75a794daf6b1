package renewal_test

import (
	"context"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/internal/wftest/devserver"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// serverRun is one renewal run to its end on a real Temporal dev server,
// started as discovery starts it, with a calendar of seconds, the fake
// activities registered under the activities' names and a stand-in
// renewal quote.
type serverRun struct {
	*devserver.Server
	f  *fakes
	in renewal.Input
}

// secondsCalendar: verification 8 s before the due date, the quote 6 s,
// reminders 4 s and 2 s; the due date 10 s after now.
func secondsCalendar() (time.Time, models.RenewalOffsets) {
	return time.Now().UTC().Truncate(time.Second).Add(10 * time.Second),
		models.RenewalOffsets{Verification: 8 * time.Second, Quote: 6 * time.Second, Reminders: []time.Duration{4 * time.Second, 2 * time.Second}}
}

func startServerRun(t *testing.T) *serverRun {
	t.Helper()
	r := &serverRun{Server: devserver.New(t), f: &fakes{}, in: renewalInput()}
	r.f.Now = time.Now
	r.in.DueDate, r.in.Offsets = secondsCalendar()
	r.Worker.RegisterWorkflowWithOptions(renewal.Workflow, workflow.RegisterOptions{Name: renewal.WorkflowName})
	r.Worker.RegisterWorkflowWithOptions(r.f.Quote, workflow.RegisterOptions{Name: quote.WorkflowName})
	r.StartWorker(map[string]any{
		renewal.ActivityRecordRenewal:       r.f.RecordRenewal,
		renewal.ActivityPrepareRenewalQuote: r.f.PrepareRenewalQuote,
		renewal.ActivityQueueRenewalNotice:  r.f.QueueRenewalNotice,
	})

	// As discovery starts it (activities.Discovery).
	_, err := r.Client.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
		ID:                                       r.id(),
		TaskQueue:                                r.TaskQueue,
		WorkflowIDConflictPolicy:                 enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.SiteNumber.ValueSet(r.in.SiteNumber),
			temporalx.CustomerNumber.ValueSet(r.in.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.RenewalScheduled)),
		),
	}, renewal.WorkflowName, r.in)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return r
}

func (r *serverRun) id() string { return renewal.WorkflowID(r.in.SiteNumber, r.in.DueDate) }

// update sends an update and waits for its answer.
func (r *serverRun) update(name string, arg any) renewal.State {
	return devserver.Update[renewal.State](r.Server, r.id(), name, arg)
}

// await waits for the renewal and returns its result and run ID.
func (r *serverRun) await() (renewal.State, string) {
	return devserver.Await[renewal.State](r.Server, r.id(), time.Minute)
}

// record writes the run's history to workflows/renewal/testdata/<name>.json
// when PAO_RECORD_HISTORIES is set (how the replay fixtures are made).
func (r *serverRun) record(runID, name string) { r.Record(r.id(), runID, name) }

// On a real Temporal server, started as discovery starts it, with a
// calendar of seconds: a renewal ordered online once quoted ends renewed;
// another, left alone, is reminded twice and lapses at its due date. With
// PAO_RECORD_HISTORIES=1 their histories become the replay fixtures
// (testdata/renewed_online.json, testdata/lapsed.json).
func TestRenewalsRunToTheEndOnARealServer(t *testing.T) {
	t.Run("renewed_online", func(t *testing.T) {
		t.Parallel()
		r := startServerRun(t)
		deadline := time.Now().Add(30 * time.Second)
		for len(r.f.started()) == 0 || len(r.f.writes()) < 3 {
			if time.Now().After(deadline) {
				t.Fatal("the renewal was never quoted")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if st := r.update(renewal.UpdateOrdered, renewal.Ordered{OrderRef: "ORD-2026-000077", QuoteNumber: quoteNumber}); st.Status != models.RenewalRenewed {
			t.Fatalf("ordered answered %+v", st)
		}
		st, runID := r.await()
		if st.Status != models.RenewalRenewed || st.OrderRef != "ORD-2026-000077" || len(st.Failures) != 0 {
			t.Fatalf("result = %+v", st)
		}
		wantSeq(t, "writes", statuses(r.f.writes()), []string{"scheduled", "verifying", "quoted", "renewed"})
		r.record(runID, "renewed_online")
	})
	t.Run("lapsed", func(t *testing.T) {
		t.Parallel()
		r := startServerRun(t)
		st, runID := r.await()
		if st.Status != models.RenewalLapsed || len(st.RemindersSent) != 2 || len(st.Failures) != 0 {
			t.Fatalf("result = %+v", st)
		}
		wantSeq(t, "writes", statuses(r.f.writes()), []string{"scheduled", "verifying", "quoted", "quoted", "quoted", "lapsed"})
		wantSeq(t, "notices", templates(r.f.notices()), []string{"renewal_verify_contacts→primary", "renewal_notice→renewal",
			"renewal_reminder→renewal", "renewal_reminder→renewal", "renewal_lapsed→renewal"})
		r.record(runID, "lapsed")
	})
}
