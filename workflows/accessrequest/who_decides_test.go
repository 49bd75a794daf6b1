package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Only the Primary or a user with manage_access=update decides a
// nomination, never the requester, never an anonymous caller.
func TestDecisionByNonApproverIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	user := accessrequest.Approver{Email: userEmail, Privileges: models.Privileges{
		Software: models.SoftwareFull, ManageAccess: models.LevelView, // view is not enough
	}}
	byUser := h.decide(time.Hour, approve(user, downloadsAndReporting))
	byUserReject := h.decide(2*time.Hour, reject(user, "no"))
	// The requester, even holding Primary-like privileges, cannot decide.
	self := accessrequest.Approver{Email: requesterEmail, IsPrimary: true, Privileges: models.PrimaryPrivileges}
	bySelf := h.decide(3*time.Hour, approve(self, downloadsAndReporting))
	anonymous := h.decide(4*time.Hour, approve(accessrequest.Approver{IsPrimary: true, Privileges: models.PrimaryPrivileges}, downloadsAndReporting))
	good := h.decide(5*time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareDownloads}))
	h.run()

	byUser.MustRefuse(t, accessrequest.ErrNotApprover)
	byUserReject.MustRefuse(t, accessrequest.ErrNotApprover)
	bySelf.MustRefuse(t, accessrequest.ErrNotApprover)
	anonymous.MustRefuse(t, accessrequest.ErrNotApprover)
	if st := good.MustComplete(t); st.Status != models.StatusApproved || st.DecidedBy != managerEmail {
		t.Fatalf("valid decision after refusals = %+v", st)
	}
	wantSeq(t, "activity sequence", sequence(h.f.OK()), []string{
		"RecordRequest:request.submit", "QueueNotice:request_new",
		"ApproveRequest:request.approve", "QueueNotice:request_approved",
	})
}
