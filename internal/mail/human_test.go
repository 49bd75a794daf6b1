package mail_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
)

func TestHumanDuration(t *testing.T) {
	for _, c := range []struct {
		in   time.Duration
		want string
	}{
		{336 * time.Hour, "14 days"},
		{24 * time.Hour, "1 day"},
		{36 * time.Hour, "1 day and 12 hours"},
		{72*time.Hour + time.Hour + 5*time.Minute, "3 days, 1 hour and 5 minutes"},
		{3 * time.Hour, "3 hours"},
		{90 * time.Minute, "1 hour and 30 minutes"},
		{time.Minute, "1 minute"},
		{29*time.Minute + 31*time.Second, "30 minutes"}, // rounded to the minute
		{25 * time.Hour, "1 day and 1 hour"},
		{29 * time.Second, "less than a minute"},
		{0, "less than a minute"},
		{-time.Hour, "less than a minute"},
	} {
		if got := mail.HumanDuration(c.in); got != c.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHumanTime(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	for _, c := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, time.December, 14, 9, 30, 59, 0, time.UTC), "14 December 2026, 09:30 UTC"},
		{time.Date(2026, time.January, 1, 0, 30, 0, 0, berlin), "31 December 2025, 23:30 UTC"},
		{time.Time{}, ""},
	} {
		if got := mail.HumanTime(c.in); got != c.want {
			t.Errorf("HumanTime(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// goDuration matches what time.Duration.String writes ("336h0m0s", "1.5s").
var goDuration = regexp.MustCompile(`\b\d+h\d+m|\b\d+m\d+(\.\d+)?s\b|\b\d+(\.\d+)?(ms|µs|ns)\b`)

// No notice shows a Go duration or an API level spelling; the ones about a
// pending request say when it expires.
func TestNoticesSpeakPlainly(t *testing.T) {
	d := nominationData()
	for _, name := range templateNames {
		for _, data := range []mail.NoticeData{d, supportData()} {
			m, err := mail.Render(name, data)
			if err != nil {
				t.Fatal(err)
			}
			for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
				if goDuration.MatchString(s) {
					t.Errorf("%s %s shows a Go duration: %s", name, part, s)
				}
				if strings.Contains(s, "downloads_media") || strings.Contains(s, "manage_access") {
					t.Errorf("%s %s shows an API spelling: %s", name, part, s)
				}
			}
		}
	}
	for name, want := range map[string]string{
		"request_new":       "It expires in 14 days (by 14 December 2026, 09:30 UTC) if nobody decides.",
		"request_reminder":  "It expires on 14 December 2026, 09:30 UTC if nobody decides.",
		"request_escalated": "before it expires on 14 December 2026, 09:30 UTC.",
	} {
		m, err := mail.Render(name, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("%s does not say %q:\n%s\n%s", name, want, m.Text, m.HTML)
		}
	}
	m, err := mail.Render("request_approved", d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "- Software & services: downloads and media\n- Reporting: view") ||
		!strings.Contains(m.HTML, "<li>Software &amp; services: downloads and media</li>") {
		t.Errorf("approval does not list the titled levels:\n%s\n%s", m.Text, m.HTML)
	}
}

// A support-access request is for a customer account, not a site: its
// subjects say so.
func TestSupportAccessSubjectsNameTheAccount(t *testing.T) {
	d := supportData()
	for _, name := range templateNames {
		m, err := mail.Render(name, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Subject, "account "+d.CustomerNumber) || strings.Contains(m.Subject, "site") {
			t.Errorf("%s subject %q", name, m.Subject)
		}
	}
	m, err := mail.Render("request_approved", d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, d.CustomerNumber+".\n\nYour support access level: Full") {
		t.Errorf("approval text: %q", m.Text)
	}
}

// Without a known expiry moment the notices say nothing about it rather
// than leave an empty "(by )".
func TestNoticesWithoutExpiryMoment(t *testing.T) {
	d := nominationData()
	d.ExpiresAt = time.Time{}
	for _, name := range []string{"request_new", "request_reminder", "request_escalated"} {
		m, err := mail.Render(name, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{m.Text, m.HTML} {
			if strings.Contains(s, "(by") || strings.Contains(s, "expires on") || strings.Contains(s, "UTC") {
				t.Errorf("%s mentions an unknown expiry moment: %s", name, s)
			}
		}
	}
	m, err := mail.Render("request_new", d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "It expires in 14 days if nobody decides.") {
		t.Errorf("new-request text: %s", m.Text)
	}
}
