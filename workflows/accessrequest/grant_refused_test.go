package accessrequest_test

import (
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// When the grant is refused by a rule at the last moment (the approver lost
// the privilege, the site is gone), the approval cannot stand: the request
// ends rejected with the reason, the requester is told, and the workflow
// completes instead of waiting.
func TestRefusedGrantEndsTheRequestRejected(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.Fail = func(c call) error {
		if c.Activity == accessrequest.ActivityApproveRequest {
			return temporal.NewNonRetryableApplicationError("B2: changing privileges needs manage_access=update", accessrequest.ErrGrantRefused, nil)
		}
		return nil
	}
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	st := dec.MustComplete(t)
	if st.Status != models.StatusRejected || st.Granted != nil || !strings.Contains(st.DecisionReason, "could not be granted: B2") {
		t.Fatalf("decision = %+v, want rejected with the grant refusal as reason", st)
	}
	if err := h.env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow error: %v", err)
	}
	if elapsed := h.env.Now().Sub(h.f.writes()[0].At); elapsed >= testTimers.RemindAfter {
		t.Fatalf("workflow waited %v", elapsed)
	}
	wantSeq(t, "writes", actions(h.f.writes()), []string{"request.submit|pending", "request.grant_refused|rejected"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_rejected→requester"})
	wantSeq(t, "ProcessStatus upserts", h.sa.ProcessStatuses(), []string{"pending", "rejected"})
}
