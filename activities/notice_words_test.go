package activities_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// goDuration matches what time.Duration.String writes ("336h0m0s").
var goDuration = regexp.MustCompile(`\d+h\d+m\d+s`)

// queued is the outbox row queued under key.
func (f fixture) queued(t *testing.T, key string) models.OutboxEmail {
	t.Helper()
	var row models.OutboxEmail
	if err := f.db.Where("key = ?", key).Take(&row).Error; err != nil {
		t.Fatalf("outbox row %s: %v", key, err)
	}
	return row
}

func assertPlain(t *testing.T, row models.OutboxEmail) {
	t.Helper()
	for _, s := range []string{row.Subject, row.TextBody, row.HTMLBody} {
		if goDuration.MatchString(s) {
			t.Errorf("%s shows a Go duration:\n%s", row.Notice, s)
		}
		for _, code := range []string{"downloads_media", "manage_access", "contact_update"} {
			if strings.Contains(s, code) {
				t.Errorf("%s shows the API spelling %q:\n%s", row.Notice, code, s)
			}
		}
	}
}

// The approvers' notice says how long the request waits in days and the
// moment it expires: the request's recorded creation plus the expiry delay.
func TestNewRequestNoticeSaysWhenItExpires(t *testing.T) {
	f := newFixture(t)
	f.in.Timers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 168 * time.Hour, ExpireAfter: 336 * time.Hour}
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	var created time.Time
	f.scan(t, &created, "SELECT created_at FROM access_requests WHERE id = ?", f.in.RequestID)
	if created.IsZero() {
		t.Fatal("the recorded request has no created_at")
	}
	by := created.Add(336 * time.Hour).UTC().Format("2 January 2006, 15:04 UTC")
	for _, c := range []struct{ step, template, want string }{
		{"notify-approvers", "request_new", "It expires in 14 days (by " + by + ") if nobody decides."},
		{"remind-approvers", "request_reminder", "It expires on " + by + " if nobody decides."},
		{"escalate-secondaries", "request_escalated", "before it expires on " + by + "."},
	} {
		aud := accessrequest.AudienceApprovers
		if c.template == "request_escalated" {
			aud = accessrequest.AudienceSecondaries
		}
		n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(f.in.RequestID, c.step), Template: c.template,
			Audience: aud, Input: f.in, State: accessrequest.State{Status: models.StatusPending}}
		f.mustRun(t, accessrequest.ActivityQueueNotice, n)
		row := f.queued(t, n.Key)
		if !strings.Contains(row.TextBody, c.want) || !strings.Contains(row.HTMLBody, c.want) {
			t.Errorf("%s does not say %q:\n%s\n%s", c.template, c.want, row.TextBody, row.HTMLBody)
		}
		assertPlain(t, row)
	}
}

// Without a recorded row (the workflow records it before any notice, so
// this is a fallback) the expiry counts from the activity's clock.
func TestNewRequestNoticeWithoutARowCountsFromTheActivityClock(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, time.November, 30, 8, 15, 0, 0, time.UTC)
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(&activities.Notices{Deps: activities.Deps{DB: f.db, Now: func() time.Time { return now }}})
	f.in.Timers.ExpireAfter = 36 * time.Hour
	n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(f.in.RequestID, "notify-approvers"), Template: "request_new",
		Audience: accessrequest.AudienceApprovers, Input: f.in, State: accessrequest.State{Status: models.StatusPending}}
	if _, err := env.ExecuteActivity(accessrequest.ActivityQueueNotice, n); err != nil {
		t.Fatal(err)
	}
	row := f.queued(t, n.Key)
	if want := "It expires in 1 day and 12 hours (by 1 December 2026, 20:15 UTC) if nobody decides."; !strings.Contains(row.TextBody, want) {
		t.Errorf("text does not say %q:\n%s", want, row.TextBody)
	}
}

// The requester's approval lists the tools and levels as B1 words them,
// and a support-access approval the D1 level.
func TestApprovalNoticesNameLevelsAsAPersonReadsThem(t *testing.T) {
	f := newFixture(t)
	granted := models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView, Entitlements: models.LevelUpdate}
	n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(f.in.RequestID, "notify-requester"), Template: "request_approved",
		Audience: accessrequest.AudienceRequester, Input: f.in, State: approval(f.in, alice, &granted, nil).State}
	f.mustRun(t, accessrequest.ActivityQueueNotice, n)
	row := f.queued(t, n.Key)
	want := "You now have:\n- Software & services: downloads and media\n- Reporting: view\n- Entitlements: update"
	if !strings.Contains(row.TextBody, want) {
		t.Errorf("text does not list %q:\n%s", want, row.TextBody)
	}
	if !strings.Contains(row.HTMLBody, "<li>Software &amp; services: downloads and media</li>") {
		t.Errorf("html: %s", row.HTMLBody)
	}
	if strings.Contains(row.TextBody, "Documents") || strings.Contains(row.TextBody, "none") {
		t.Errorf("text lists a tool at none:\n%s", row.TextBody)
	}
	assertPlain(t, row)

	in := f.supportInput(t)
	full := models.SupportFull
	n = accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(in.RequestID, "notify-requester"), Template: "request_approved",
		Audience: accessrequest.AudienceRequester, Input: in, State: approval(in, carol, nil, &full).State}
	f.mustRun(t, accessrequest.ActivityQueueNotice, n)
	row = f.queued(t, n.Key)
	if !strings.Contains(row.TextBody, "Your support access level: Full") || strings.Contains(row.TextBody, "You now have") {
		t.Errorf("support approval text:\n%s", row.TextBody)
	}
	assertPlain(t, row)
}

// Privileges and support levels marshal to JSON by name now; the database
// columns stay integers: GORM and pgx write and compare the smallint
// columns by value, never through MarshalJSON.
func TestLevelColumnsStayIntegers(t *testing.T) {
	f := newFixture(t)
	erinID := f.userID(t, erin)
	f.exec(t, "DELETE FROM support_access WHERE customer_id = ? AND user_id = ?", f.in.CustomerID, erinID)
	if err := f.db.Create(&models.SupportAccess{CustomerID: f.in.CustomerID, UserID: erinID, Level: models.SupportFull}).Error; err != nil {
		t.Fatal(err)
	}
	var level int
	f.scan(t, &level, "SELECT level::int FROM support_access WHERE customer_id = ? AND user_id = ?", f.in.CustomerID, erinID)
	if level != int(models.SupportFull) {
		t.Errorf("support_access.level = %d, want %d", level, models.SupportFull)
	}
	if n := f.count(t, "SELECT count(*) FROM support_access WHERE customer_id = ? AND user_id = ? AND level = ?", f.in.CustomerID, erinID, models.SupportFull); n != 1 {
		t.Errorf("a SupportLevel argument matched %d rows, want 1", n)
	}
	var back models.SupportAccess
	if err := f.db.Take(&back, "customer_id = ? AND user_id = ?", f.in.CustomerID, erinID).Error; err != nil || back.Level != models.SupportFull {
		t.Errorf("read back %+v, %v", back, err)
	}

	p := models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView}
	row := models.SiteAccess{SiteID: f.in.SiteID, UserID: f.in.RequesterID}
	row.SetPrivileges(p)
	if err := f.db.Create(&row).Error; err != nil {
		t.Fatal(err)
	}
	var software, reporting int
	if err := f.db.Raw("SELECT software::int, reporting::int FROM site_access WHERE site_id = ? AND user_id = ?", f.in.SiteID, f.in.RequesterID).
		Row().Scan(&software, &reporting); err != nil {
		t.Fatal(err)
	}
	if software != int(models.SoftwareDownloadsMedia) || reporting != int(models.LevelView) {
		t.Errorf("site_access software=%d reporting=%d", software, reporting)
	}
	if got := f.access(t, frank); got != p {
		t.Errorf("read back %+v, want %+v", got, p)
	}

	// The read model: granted stays the API's names (jsonb), support_level an integer.
	in := f.supportInput(t)
	full := models.SupportFull
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(in, models.StatusPending, "request.submit", erin))
	rec := record(in, models.StatusApproved, "request.approve", carol)
	rec.State.SupportLevel = &full
	f.mustRun(t, accessrequest.ActivityRecordRequest, rec)
	f.scan(t, &level, "SELECT support_level::int FROM access_requests WHERE id = ?", in.RequestID)
	if level != int(models.SupportFull) {
		t.Errorf("access_requests.support_level = %d", level)
	}
	granted := models.Privileges{Software: models.SoftwareDownloads}
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	rec = record(f.in, models.StatusApproved, "request.approve", alice)
	rec.State.Granted = &granted
	f.mustRun(t, accessrequest.ActivityRecordRequest, rec)
	var sw string
	f.scan(t, &sw, "SELECT granted->>'software' FROM access_requests WHERE id = ?", f.in.RequestID)
	if sw != "downloads" {
		t.Errorf("access_requests.granted software = %q, want downloads", sw)
	}
}
