package accessrequest_test

import (
	"errors"
	"testing"
	"time"
)

// The requester's outcome email is queued after the approvers' email of
// the same request, even when a quick decision overtakes a slow first
// notice: the outbox sends in queue order, and "rejected" must not arrive
// before "new request".
func TestOutcomeNoticeIsQueuedAfterTheEarlierNotices(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.Fail = func(c call) error {
		if c.Notice.Template == "request_new" && c.Attempt < 4 {
			return errors.New("outbox busy")
		}
		return nil
	}
	dec := h.decide(time.Second, reject(primary(), "no"))
	h.run()

	dec.MustComplete(t)
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_rejected→requester"})
	if n := h.noticeWith("request_new"); n[0].At.Sub(h.f.writes()[0].At) <= time.Second {
		t.Fatalf("the first notice was queued at +%v; the test needs it after the decision (+1s)", n[0].At.Sub(h.f.writes()[0].At))
	}
}
