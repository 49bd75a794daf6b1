package worker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/reconcile"
)

// Schedules configures the project's Temporal Schedules.
type Schedules struct {
	// TaskQueue is where the scheduled workflows run (the worker's).
	TaskQueue string
	// ReconcileEvery is the interval of the request reconciler.
	ReconcileEvery time.Duration
	// DiscoveryEvery is the interval of renewal discovery (daily); zero
	// leaves the renewal-discovery Schedule alone (neither created nor
	// updated).
	DiscoveryEvery time.Duration
	// RenewalOffsets is the renewal calendar discovery hands to the
	// renewals it starts; its verification offset sets the window.
	RenewalOffsets models.RenewalOffsets
	// DataConverter is the client's (the payload codec's), to compare an
	// existing Schedule's arguments decoded; nil is Temporal's default.
	DataConverter converter.DataConverter
}

// Bounds of the request-reconciler Schedule's passes.
const (
	// ReconcilerCatchupWindow: a pass the Temporal server missed (it was
	// down) is still taken when it is at most this late; a later one is
	// left to the next interval, which does the same work.
	ReconcilerCatchupWindow = time.Minute
	// ReconcilerTimeout bounds a pass, continue-as-new included.
	ReconcilerTimeout = time.Hour
)

// ReconcilerSchedule is the request-reconciler Schedule: every
// s.ReconcileEvery a pass of the reconcile workflow on s.TaskQueue with the
// default grace and page size; a pass still running when the next is due
// makes the Schedule skip that one.
func ReconcilerSchedule(s Schedules) client.ScheduleOptions {
	return client.ScheduleOptions{
		ID:   reconcile.ScheduleID,
		Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: s.ReconcileEvery}}},
		Action: &client.ScheduleWorkflowAction{
			ID:                       reconcile.ScheduleID,
			Workflow:                 reconcile.WorkflowName,
			Args:                     []any{reconcile.Input{Grace: reconcile.DefaultGrace, PageSize: reconcile.DefaultPageSize}},
			TaskQueue:                s.TaskQueue,
			WorkflowExecutionTimeout: ReconcilerTimeout,
		},
		Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
		CatchupWindow: ReconcilerCatchupWindow,
	}
}

// Bounds of the renewal-discovery Schedule's passes.
const (
	// DiscoveryTimeout bounds a pass, continue-as-new included: a first
	// pass over a large book of coverage starts many renewals, a daily one
	// only the day's.
	DiscoveryTimeout = 6 * time.Hour
	// MinDiscoveryCatchupWindow is the shortest catch-up window (the
	// Temporal server's own minimum is ten seconds).
	MinDiscoveryCatchupWindow = time.Minute
)

// DiscoveryCatchupWindow is the catch-up window of a discovery every
// interval: one interval (at least MinDiscoveryCatchupWindow), so after
// the Temporal server was down, however long, exactly one missed pass
// (the latest) still runs when it is back, and the older ones, which
// would do the same work, are dropped.
func DiscoveryCatchupWindow(every time.Duration) time.Duration {
	return max(every, MinDiscoveryCatchupWindow)
}

// DiscoverySchedule is the renewal-discovery Schedule: every
// s.DiscoveryEvery (intervals count from the Unix epoch, so daily is at
// midnight UTC, when the window moves by a day) a pass of the discovery
// workflow on s.TaskQueue with the calendar s.RenewalOffsets, looking one
// interval beyond the verification offset (discovery.Input.Lead) and the
// default page size; a pass still running when the next is due makes the
// Schedule skip that one.
func DiscoverySchedule(s Schedules) client.ScheduleOptions {
	return client.ScheduleOptions{
		ID:   discovery.ScheduleID,
		Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: s.DiscoveryEvery}}},
		Action: &client.ScheduleWorkflowAction{
			ID:                       discovery.ScheduleID,
			Workflow:                 discovery.WorkflowName,
			Args:                     []any{discovery.Input{Offsets: s.RenewalOffsets, Lead: s.DiscoveryEvery, PageSize: discovery.DefaultPageSize}},
			TaskQueue:                s.TaskQueue,
			WorkflowExecutionTimeout: DiscoveryTimeout,
		},
		Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
		CatchupWindow: DiscoveryCatchupWindow(s.DiscoveryEvery),
	}
}

// EnsureSchedules creates the project's Schedules, or brings an existing
// one up to date (its spec, action and policies; a pause and its note,
// set by an operator, are kept). Nothing is written when a Schedule
// already matches, so workers that start together, or restart, agree
// instead of rewriting each other's Schedule; a worker started with a
// different configuration rewrites it (the last one to start wins).
func EnsureSchedules(ctx context.Context, c client.Client, s Schedules) error {
	dc := s.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	if err := ensureSchedule(ctx, c, dc, ReconcilerSchedule(s)); err != nil {
		return err
	}
	if s.DiscoveryEvery > 0 {
		return ensureSchedule(ctx, c, dc, DiscoverySchedule(s))
	}
	return nil
}

// ensureSchedule creates want, or updates the Schedule of its ID when one
// exists (created again if it is deleted in between).
func ensureSchedule(ctx context.Context, c client.Client, dc converter.DataConverter, want client.ScheduleOptions) error {
	for attempt := 1; ; attempt++ {
		_, err := c.ScheduleClient().Create(ctx, want)
		if err == nil {
			return nil
		}
		if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
			return fmt.Errorf("create schedule %s: %w", want.ID, err)
		}
		err = c.ScheduleClient().GetHandle(ctx, want.ID).Update(ctx, client.ScheduleUpdateOptions{
			DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
				cur := in.Description.Schedule
				if sameSchedule(cur, want, dc) {
					return nil, temporal.ErrSkipScheduleUpdate
				}
				return &client.ScheduleUpdate{Schedule: &client.Schedule{
					Action: want.Action,
					Spec:   &want.Spec,
					Policy: &client.SchedulePolicies{Overlap: want.Overlap, CatchupWindow: want.CatchupWindow, PauseOnFailure: want.PauseOnFailure},
					State:  cur.State,
				}}, nil
			},
		})
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) && attempt < 3 {
			continue // deleted since Create said it exists
		}
		if err != nil {
			return fmt.Errorf("update schedule %s: %w", want.ID, err)
		}
		return nil
	}
}

// sameSchedule reports whether the described Schedule cur already has
// want's spec, policies and workflow action (its arguments compared
// decoded with dc, since encrypted ones differ at every encoding;
// arguments that do not decode count as different).
func sameSchedule(cur client.Schedule, want client.ScheduleOptions, dc converter.DataConverter) bool {
	if cur.Spec == nil || cur.Policy == nil {
		return false
	}
	if !reflect.DeepEqual(cur.Spec.Intervals, want.Spec.Intervals) || len(cur.Spec.Calendars) > 0 || len(cur.Spec.CronExpressions) > 0 ||
		len(cur.Spec.Skip) > 0 || cur.Spec.Jitter != want.Spec.Jitter || cur.Spec.TimeZoneName != want.Spec.TimeZoneName ||
		!cur.Spec.StartAt.Equal(want.Spec.StartAt) || !cur.Spec.EndAt.Equal(want.Spec.EndAt) {
		return false
	}
	if cur.Policy.Overlap != want.Overlap || cur.Policy.CatchupWindow != want.CatchupWindow || cur.Policy.PauseOnFailure != want.PauseOnFailure {
		return false
	}
	got, ok := cur.Action.(*client.ScheduleWorkflowAction)
	w, wok := want.Action.(*client.ScheduleWorkflowAction)
	if !ok || !wok || got.ID != w.ID || got.Workflow != w.Workflow || got.TaskQueue != w.TaskQueue ||
		got.WorkflowExecutionTimeout != w.WorkflowExecutionTimeout || got.WorkflowRunTimeout != w.WorkflowRunTimeout ||
		got.WorkflowTaskTimeout != w.WorkflowTaskTimeout || len(got.Args) != len(w.Args) {
		return false
	}
	for i, a := range got.Args {
		p, ok := a.(*commonpb.Payload)
		if !ok {
			return false
		}
		wp, err := dc.ToPayload(w.Args[i])
		if err != nil {
			return false
		}
		var decoded, wanted any
		if dc.FromPayload(p, &decoded) != nil || dc.FromPayload(wp, &wanted) != nil || !reflect.DeepEqual(decoded, wanted) {
			return false
		}
	}
	return true
}
