package activities_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/testsuite"
	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

type fixture struct {
	db  *gorm.DB
	env *testsuite.TestActivityEnvironment
	in  accessrequest.Input
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	db := testenv.DB(t)
	if _, err := seed.Load(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	var ids struct{ SiteID, CustomerID, UserID int64 }
	if err := db.Raw(`SELECT s.id AS site_id, s.customer_id, u.id AS user_id FROM sites s, users u
		WHERE s.site_number = '300001' AND u.email = 'frank@newcomer.example.com'`).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	deps := activities.Deps{DB: db}
	for _, a := range activities.All(deps) {
		env.RegisterActivity(a)
	}
	return fixture{db: db, env: env, in: accessrequest.Input{
		RequestID: uuid.NewString(), Kind: models.KindNomination, SiteID: ids.SiteID, SiteNumber: "300001",
		CustomerID: ids.CustomerID, CustomerNumber: "1000001", RequesterID: ids.UserID,
		Requester: accessrequest.Person{Email: "frank@newcomer.example.com", Name: "Frank", Company: "Acme", Phone: "+15125550100"},
		Reason:    "testing", Timers: accessrequest.Timers{RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour, ExpireAfter: 3 * time.Hour},
	}}
}

func (f fixture) count(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := f.db.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQueueNoticeIsIdempotentAndRoutesToApprovers(t *testing.T) {
	f := newFixture(t)
	n := accessrequest.NoticeRequest{Key: "nomination/300001/frank/run/notify-approvers", Template: "request_new",
		Audience: accessrequest.AudienceApprovers, Input: f.in, State: accessrequest.State{Status: models.StatusPending}}
	for i := 0; i < 3; i++ {
		if _, err := f.env.ExecuteActivity(accessrequest.ActivityQueueNotice, n); err != nil {
			t.Fatal(err)
		}
	}
	var rows []models.OutboxEmail
	if err := f.db.Where("key = ?", n.Key).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d outbox rows for one key", len(rows))
	}
	if got := []string(rows[0].Recipients); !slices.Equal(got, []string{"alice@acme.example.com", "grace@acme.example.com"}) {
		t.Fatalf("recipients = %v", got)
	}
	// Escalation goes to the Secondary Contacts; the requester is told directly.
	n.Key, n.Audience, n.Template = n.Key+"-esc", accessrequest.AudienceSecondaries, "request_escalated"
	if _, err := f.env.ExecuteActivity(accessrequest.ActivityQueueNotice, n); err != nil {
		t.Fatal(err)
	}
	var esc models.OutboxEmail
	f.db.Where("key = ?", n.Key).Take(&esc)
	if got := []string(esc.Recipients); !slices.Equal(got, []string{"dave@acme.example.com", "grace@acme.example.com"}) {
		t.Fatalf("escalation recipients = %v", got)
	}
}

func TestRecordRequestNeverRevertsAFinalStatus(t *testing.T) {
	f := newFixture(t)
	rec := func(st models.RequestStatus, action string) {
		t.Helper()
		r := accessrequest.RequestRecord{Input: f.in, State: accessrequest.State{RequestID: f.in.RequestID, Status: st}, AuditAction: action, Actor: "alice@acme.example.com"}
		if _, err := f.env.ExecuteActivity(accessrequest.ActivityRecordRequest, r); err != nil {
			t.Fatal(err)
		}
	}
	rec(models.StatusPending, "request.submit")
	rec(models.StatusApproved, "request.approve")
	rec(models.StatusApproved, "request.approve") // a retry
	rec(models.StatusPending, "")                 // a late reminder write
	var status string
	f.db.Raw("SELECT status FROM access_requests WHERE id = ?", f.in.RequestID).Scan(&status)
	if status != "approved" {
		t.Fatalf("status = %s after a late pending write", status)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.approve'", f.in.RequestID); n != 1 {
		t.Fatalf("%d approve audit rows", n)
	}
}

func TestGrantRequestIsIdempotent(t *testing.T) {
	f := newFixture(t)
	p := models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}
	r := accessrequest.RequestRecord{Input: f.in, State: accessrequest.State{Status: models.StatusApproved, Granted: &p}, Actor: "alice@acme.example.com"}
	for i := 0; i < 3; i++ {
		if _, err := f.env.ExecuteActivity(accessrequest.ActivityGrantRequest, r); err != nil {
			t.Fatal(err)
		}
	}
	var row models.SiteAccess
	if err := f.db.Where("site_id = ? AND user_id = ?", f.in.SiteID, f.in.RequesterID).Take(&row).Error; err != nil {
		t.Fatal(err)
	}
	if row.Privileges() != p {
		t.Fatalf("privileges = %+v", row.Privileges())
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.grant'", f.in.RequestID); n != 1 {
		t.Fatalf("%d grant audit rows", n)
	}
}
