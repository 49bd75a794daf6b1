package order_test

import (
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// A notice that cannot be queued (the site has no PoE contact) is a
// failure the order goes on without: it completes, and the result names
// the step that failed.
func TestANoticeThatFailsDoesNotStopTheOrder(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokApproved))
	h.f.Fail = func(c call) error {
		if c.Activity == order.ActivityQueueOrderNotice && c.Notice.Audience == order.AudiencePoE {
			return temporal.NewNonRetryableApplicationError("no recipients for poe", policy.ErrNoRecipients, nil)
		}
		return nil
	}
	h.run()

	wantSeq(t, "writes", statuses(h.f.writes()), []string{"submitted[authorize]", "paid[capture]", "fulfilled", "completed"})
	wantSeq(t, "notices queued", templates(h.f.notices()), []string{"order_confirmation→buyer"})
	res := h.result()
	if res.Status != models.OrderCompleted || len(res.Failures) != 1 ||
		res.Failures[0].Step != "poe" || res.Failures[0].Type != policy.ErrNoRecipients {
		t.Fatalf("result = %+v", res)
	}
}
