package accessrequest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/workflows/accessrequest"
)

// Outbox keys derive from the request ID and the step, never the workflow
// or run ID (a reset must not resend every notice, and IDs must not leak
// into Message-IDs): one key per step, the same key on a retry.
func TestNoticeKeysComeFromTheRequestAndTheStep(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool { return c.Notice.Template == "request_reminder" })
	h.run()

	wantStep := map[string]string{
		"request_new":       "notify-approvers",
		"request_reminder":  "remind-approvers",
		"request_escalated": "escalate-secondaries",
		"request_expired":   "notify-requester-expired",
	}
	seen := map[string]string{}
	for _, c := range h.f.notices() {
		k := c.Notice.Key
		want := "access-request/" + h.in.RequestID + "/" + wantStep[c.Notice.Template]
		if k != want || k != accessrequest.NoticeKey(h.in.RequestID, wantStep[c.Notice.Template]) {
			t.Errorf("key = %q, want %q", k, want)
		}
		if strings.Contains(k, c.RunID) || strings.Contains(k, h.workflowID) {
			t.Errorf("key %q carries the run or workflow ID", k)
		}
		if prev, dup := seen[k]; dup {
			t.Errorf("key %q used by %s and %s", k, prev, c.Notice.Template)
		}
		seen[k] = c.Notice.Template
	}
	if len(seen) != 4 {
		t.Fatalf("distinct keys = %d, want 4", len(seen))
	}
	attempts := h.f.attempts(func(c call) bool { return c.Notice.Template == "request_reminder" })
	if len(attempts) != 2 || !attempts[0].Failed || attempts[1].Failed {
		t.Fatalf("reminder attempts = %+v", attempts)
	}
	if attempts[0].Notice.Key != attempts[1].Notice.Key {
		t.Fatalf("retry changed the key: %q → %q", attempts[0].Notice.Key, attempts[1].Notice.Key)
	}
}

// The outcome notices of an approval and a rejection have different keys.
func TestNoticeKeysDifferPerOutcome(t *testing.T) {
	in := nominationInput()
	keys := map[string]string{}
	for _, tc := range []struct {
		name string
		d    accessrequest.Decision
	}{
		{"approved", approve(primary(), downloadsAndReporting)},
		{"rejected", reject(primary(), "no")},
	} {
		h := newHarness(t, in) // the same request ID
		dec := h.decide(time.Hour, tc.d)
		h.run()
		dec.MustComplete(t)
		n := h.noticeWith("request_" + tc.name)
		if len(n) != 1 {
			t.Fatalf("%s: notices %v", tc.name, templates(h.f.notices()))
		}
		if !strings.HasSuffix(n[0].Notice.Key, "/notify-requester-"+tc.name) {
			t.Fatalf("%s key = %q", tc.name, n[0].Notice.Key)
		}
		keys[tc.name] = n[0].Notice.Key
	}
	if keys["approved"] == keys["rejected"] {
		t.Fatal("approval and rejection notices share a key")
	}
}
