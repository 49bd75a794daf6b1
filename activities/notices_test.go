package activities_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// A notice is queued once per key however often the activity runs, to the
// people who can act (C2), and an escalation to the Secondary Contacts.
func TestQueueNoticeIsIdempotentAndRoutesToApprovers(t *testing.T) {
	f := newFixture(t)
	n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(f.in.RequestID, "notify-approvers"), Template: "request_new",
		Audience: accessrequest.AudienceApprovers, Input: f.in, State: accessrequest.State{Status: models.StatusPending}}
	for i := 0; i < 3; i++ {
		f.mustRun(t, accessrequest.ActivityQueueNotice, n)
	}
	var rows []models.OutboxEmail
	if err := f.db.Where("key = ?", n.Key).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d outbox rows for one key", len(rows))
	}
	if got := []string(rows[0].Recipients); !slices.Equal(got, []string{alice, grace}) {
		t.Fatalf("recipients = %v", got)
	}
	n.Key, n.Audience, n.Template = accessrequest.NoticeKey(f.in.RequestID, "escalate-secondaries"), accessrequest.AudienceSecondaries, "request_escalated"
	f.mustRun(t, accessrequest.ActivityQueueNotice, n)
	var esc models.OutboxEmail
	if err := f.db.Where("key = ?", n.Key).Take(&esc).Error; err != nil {
		t.Fatal(err)
	}
	if got := []string(esc.Recipients); !slices.Equal(got, []string{"dave@acme.example.com", grace}) {
		t.Fatalf("escalation recipients = %v", got)
	}
}

// A notice with nobody to send it to fails non-retryable with the shared
// NoRecipients type, and queues nothing.
func TestQueueNoticeWithoutRecipientsIsNonRetryable(t *testing.T) {
	f := newFixture(t)
	in := f.in
	in.CustomerID = f.customerID(t, "1000005")
	in.SiteID = f.siteID(t, "400001") // Kopi Kita: no secondaries, and the Primary is the requester
	in.Requester.Email = "made@kopikita.example.com"
	n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(in.RequestID, "notify-approvers"), Template: "request_new",
		Audience: accessrequest.AudienceApprovers, Input: in, State: accessrequest.State{Status: models.StatusPending}}
	wantNonRetryable(t, f.run(accessrequest.ActivityQueueNotice, n), policy.ErrNoRecipients)
	if c := f.count(t, "SELECT count(*) FROM outbox WHERE key = ?", n.Key); c != 0 {
		t.Fatalf("%d outbox rows for a notice without recipients", c)
	}
}
