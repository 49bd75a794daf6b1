package renewal_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// serverRun is one renewal run to its end on a real Temporal dev server,
// started as discovery starts it, with a calendar of seconds, the fake
// activities registered under the activities' names and a stand-in
// renewal quote.
type serverRun struct {
	t  *testing.T
	c  client.Client
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
	ctx := context.Background()
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: addr, Namespace: ns, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	r := &serverRun{t: t, c: c, f: &fakes{now: time.Now}, in: renewalInput()}
	r.in.DueDate, r.in.Offsets = secondsCalendar()
	tq := "pao-test-" + uuid.NewString()[:8]
	w := sdkworker.New(c, tq, sdkworker.Options{})
	w.RegisterWorkflowWithOptions(renewal.Workflow, workflow.RegisterOptions{Name: renewal.WorkflowName})
	w.RegisterWorkflowWithOptions(r.f.Quote, workflow.RegisterOptions{Name: quote.WorkflowName})
	for name, fn := range map[string]any{
		renewal.ActivityRecordRenewal:       r.f.RecordRenewal,
		renewal.ActivityPrepareRenewalQuote: r.f.PrepareRenewalQuote,
		renewal.ActivityQueueRenewalNotice:  r.f.QueueRenewalNotice,
	} {
		w.RegisterActivityWithOptions(fn, activity.RegisterOptions{Name: name})
	}
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)

	// As discovery starts it (activities.Discovery).
	_, err = c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                                       renewal.WorkflowID(r.in.SiteNumber, r.in.DueDate),
		TaskQueue:                                tq,
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
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h, err := r.c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: r.id(), UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	var st renewal.State
	if err := h.Get(ctx, &st); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	return st
}

// await waits for the renewal and returns its result and run ID.
func (r *serverRun) await() (renewal.State, string) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run := r.c.GetWorkflow(ctx, r.id(), "")
	var st renewal.State
	if err := run.Get(ctx, &st); err != nil {
		r.t.Fatalf("renewal workflow: %v", err)
	}
	return st, run.GetRunID()
}

// record writes the run's history to workflows/renewal/testdata/<name>.json
// when PAO_RECORD_HISTORIES is set (how the replay fixtures are made).
func (r *serverRun) record(runID, name string) {
	r.t.Helper()
	if os.Getenv("PAO_RECORD_HISTORIES") == "" {
		return
	}
	iter := r.c.GetWorkflowHistory(context.Background(), r.id(), runID, false, 0)
	h := &historypb.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			r.t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
	if err != nil {
		r.t.Fatal(err)
	}
	root, err := testenv.RepoRoot()
	if err != nil {
		r.t.Fatal(err)
	}
	p := filepath.Join(root, "workflows", "renewal", "testdata", name+".json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.t.Logf("recorded %s", p)
}

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
