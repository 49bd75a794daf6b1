package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Nobody grants above their own level, only the Primary grants manage
// access or contact update, and an approval grants something valid.
func TestGrantAboveOwnLevelIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	aboveOwn := h.decide(time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareFull}))
	manageAccess := h.decide(2*time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelView}))
	contactUpdate := h.decide(3*time.Hour, approve(manager(), models.Privileges{ContactUpdate: models.LevelView}))
	nothing := h.decide(4*time.Hour, approve(primary(), models.Privileges{}))
	outOfRange := h.decide(5*time.Hour, approve(primary(), models.Privileges{Software: 9}))
	negative := h.decide(6*time.Hour, approve(primary(), models.Privileges{Reporting: -1, Software: 1}))
	before := h.queryAt(7 * time.Hour)
	// The manager may grant up to their own levels (not manage/contact).
	within := h.decide(8*time.Hour, approve(manager(), downloadsAndReporting))
	h.run()

	aboveOwn.MustRefuse(t, accessrequest.ErrAboveOwnLevel)
	manageAccess.MustRefuse(t, accessrequest.ErrAboveOwnLevel)
	contactUpdate.MustRefuse(t, accessrequest.ErrAboveOwnLevel)
	nothing.MustRefuse(t, accessrequest.ErrInvalidDecision)
	outOfRange.MustRefuse(t, accessrequest.ErrInvalidDecision)
	negative.MustRefuse(t, accessrequest.ErrInvalidDecision)
	if before.Status != models.StatusPending || before.Granted != nil {
		t.Fatalf("state after refusals = %+v", before)
	}
	st := within.MustComplete(t)
	if st.Granted == nil || *st.Granted != downloadsAndReporting {
		t.Fatalf("granted = %v", st.Granted)
	}
	if a := h.f.approvals(); len(a) != 1 || *a[0].Record.State.Granted != downloadsAndReporting {
		t.Fatalf("approvals = %+v", a)
	}
}
