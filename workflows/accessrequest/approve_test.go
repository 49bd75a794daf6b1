package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
)

// An approval by the Primary grants and records in one step, answers the
// update with the approved state, tells the requester, and moves
// ProcessStatus from pending to approved.
func TestApprovalByPrimaryGrantsRecordsAndTellsTheRequester(t *testing.T) {
	h := newHarness(t, nominationInput())
	duringWait := h.queryAt(30 * time.Minute)
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	got := dec.MustComplete(t)
	if got.Status != models.StatusApproved || !got.Finalized || got.DecidedBy != primaryEmail {
		t.Fatalf("update state = %+v, want approved by %s and finalized", got, primaryEmail)
	}
	if got.Granted == nil || *got.Granted != downloadsAndReporting {
		t.Fatalf("update state granted = %v, want %+v", got.Granted, downloadsAndReporting)
	}
	if duringWait.Status != models.StatusPending {
		t.Fatalf("status before the decision = %q", duringWait.Status)
	}

	wantSeq(t, "activity sequence", sequence(h.f.OK()), []string{
		"RecordRequest:request.submit",
		"QueueNotice:request_new",
		"ApproveRequest:request.approve",
		"QueueNotice:request_approved",
	})
	writes := h.f.writes()
	if first := writes[0].Record; first.State.Status != models.StatusPending || first.Actor != requesterEmail {
		t.Fatalf("first write = %+v", first)
	}
	a := h.f.approvals()[0]
	if r := a.Record; r.State.Status != models.StatusApproved || !r.State.Finalized || r.Actor != primaryEmail ||
		r.State.Granted == nil || *r.State.Granted != downloadsAndReporting {
		t.Fatalf("ApproveRequest got %+v", r)
	}
	if at := a.At.Sub(writes[0].At); at != time.Hour {
		t.Fatalf("approval recorded %v after the start, want 1h", at)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_approved→requester"})

	st := h.result()
	if st.Status != models.StatusApproved || !st.Finalized || st.Reminded || st.Escalated || len(st.Failures) != 0 {
		t.Fatalf("workflow result = %+v", st)
	}
	if q := h.query(); q.Status != models.StatusApproved {
		t.Fatalf("query after completion = %+v", q)
	}
	wantSeq(t, "ProcessStatus upserts", h.sa.ProcessStatuses(), []string{"pending", "approved"})
	for _, sa := range h.sa.Upserts() {
		if v, _ := sa.GetKeyword(temporalx.CustomerNumber); v != "1000001" {
			t.Fatalf("CustomerNumber = %q", v)
		}
		if v, _ := sa.GetKeyword(temporalx.SiteNumber); v != "300001" {
			t.Fatalf("SiteNumber = %q", v)
		}
	}
}

// The Primary may grant manage access and contact update.
func TestPrimaryMayGrantManageAccess(t *testing.T) {
	h := newHarness(t, nominationInput())
	p := models.Privileges{Software: models.SoftwareFull, ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelUpdate}
	dec := h.decide(time.Hour, approve(primary(), p))
	h.run()
	if st := dec.MustComplete(t); st.Granted == nil || *st.Granted != p {
		t.Fatalf("state = %+v", st)
	}
	if g := h.f.approvals(); len(g) != 1 || *g[0].Record.State.Granted != p {
		t.Fatalf("approvals = %+v", g)
	}
}
