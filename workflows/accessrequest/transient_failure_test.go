package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// A transient failure of the approval's write (an outage) is retried, and
// the decision answers once it is recorded.
func TestTransientFailuresAreRetried(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool { return c.Activity == accessrequest.ActivityApproveRequest })
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()
	if st := dec.MustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("decision = %+v", st)
	}
	attempts := h.f.attempts(func(c call) bool { return c.Activity == accessrequest.ActivityApproveRequest })
	if len(attempts) != 2 || len(h.f.approvals()) != 1 {
		t.Fatalf("approval attempts = %d (ok %d), want 2 (1)", len(attempts), len(h.f.approvals()))
	}
	if st := h.result(); st.Status != models.StatusApproved {
		t.Fatalf("result = %+v", st)
	}
}
