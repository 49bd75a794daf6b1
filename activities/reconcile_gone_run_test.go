package activities_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/pao/pao/models"
)

// A request whose run Temporal no longer knows (it ended and its
// retention passed) is closed too.
func TestReconcileClosesTheRequestOfARunTemporalNoLongerHas(t *testing.T) {
	f := newReconcileFixture(t)
	id := f.request(t, models.KindNomination, frank, f.nominationID(t, frank), uuid.NewString(), models.StatusPending, quietFor)

	if got := f.pass(t); got.Closed != 1 {
		t.Fatalf("page = %+v, want the request closed", got)
	}
	if s := f.status(t, id); s != "expired" {
		t.Fatalf("status = %s", s)
	}
	if n := f.closeStaleAudits(t, id); n != 1 {
		t.Fatalf("%d close_stale audit rows", n)
	}
}
