package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Support access is decided by a support administrator (not a site
// Primary as such), grants a valid level, and carries no site.
func TestSupportAccessIsApprovedBySupportAdministrators(t *testing.T) {
	h := newHarness(t, supportInput())
	// A site Primary without support administration may not decide (D2).
	notAdmin := h.decide(time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull, Approver: primary()})
	levelNone := h.decide(2*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportNone, Approver: supportAdmin()})
	levelBad := h.decide(3*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: 7, Approver: supportAdmin()})
	selfAdmin := h.decide(4*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull,
		Approver: accessrequest.Approver{Email: requesterEmail, SupportAdmin: true}})
	ok := h.decide(5*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull, Approver: supportAdmin()})
	h.run()

	notAdmin.MustRefuse(t, accessrequest.ErrNotApprover)
	levelNone.MustRefuse(t, accessrequest.ErrInvalidDecision)
	levelBad.MustRefuse(t, accessrequest.ErrInvalidDecision)
	selfAdmin.MustRefuse(t, accessrequest.ErrNotApprover)
	st := ok.MustComplete(t)
	if st.Status != models.StatusApproved || st.SupportLevel == nil || *st.SupportLevel != models.SupportFull || st.Granted != nil {
		t.Fatalf("update state = %+v", st)
	}
	a := h.f.approvals()
	if len(a) != 1 || a[0].Record.State.SupportLevel == nil || *a[0].Record.State.SupportLevel != models.SupportFull {
		t.Fatalf("approvals = %+v", a)
	}
	if a[0].WorkflowID != accessrequest.SupportAccessID("1000001", 7) {
		t.Fatalf("workflow id = %q", a[0].WorkflowID)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_approved→requester"})
	if res := h.result(); res.Kind != models.KindSupportAccess || res.SupportLevel == nil || *res.SupportLevel != models.SupportFull {
		t.Fatalf("result = %+v", res)
	}
	// No site on a support request: the SiteNumber attribute is not set.
	upserts := h.sa.Upserts()
	if len(upserts) == 0 {
		t.Fatal("no search attributes upserted")
	}
	for _, sa := range upserts {
		if _, set := sa.GetKeyword(temporalx.SiteNumber); set {
			t.Fatal("SiteNumber upserted on a support-access request")
		}
	}
}

// A rejected support-access request grants nothing.
func TestSupportAccessRejectionGrantsNothing(t *testing.T) {
	h := newHarness(t, supportInput())
	dec := h.decide(time.Hour, accessrequest.Decision{Approve: false, Reason: "no contract", Approver: supportAdmin()})
	h.run()
	if st := dec.MustComplete(t); st.Status != models.StatusRejected || st.SupportLevel != nil {
		t.Fatalf("state = %+v", st)
	}
	if len(h.f.approvals()) != 0 {
		t.Fatal("ApproveRequest on rejection")
	}
}
