package mail_test

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
)

// templateNames are the notices workflows/access_request.go renders.
var templateNames = []string{"request_new", "request_reminder", "request_escalated", "request_approved", "request_rejected", "request_expired"}

func nominationData() mail.NoticeData {
	return mail.NoticeData{
		RequestID: "0b6f3c1e-1111-4222-8333-444455556666", Kind: "nomination",
		SiteNumber: "1234567", CustomerNumber: "7654321",
		RequesterName: "Robin Requester", RequesterEmail: "robin@example.com",
		Company: "Acme Corp", Phone: "+1 555 0100", Reason: "I run the licences",
		Status: "approved", DecidedBy: "pat@example.com", DecisionReason: "not an employee",
		Granted:     []string{"Software & services: downloads and media", "Reporting: view"},
		ExpireAfter: 336 * time.Hour, ExpiresAt: time.Date(2026, time.December, 14, 9, 30, 41, 0, time.UTC),
	}
}

func supportData() mail.NoticeData {
	d := nominationData()
	d.Kind, d.SiteNumber, d.Granted, d.SupportLevel = "support-access", "", nil, "Full"
	return d
}

func TestRenderEveryTemplate(t *testing.T) {
	for _, name := range templateNames {
		for _, tc := range []struct {
			kind string
			data mail.NoticeData
		}{{"nomination", nominationData()}, {"support-access", supportData()}} {
			t.Run(name+"/"+tc.kind, func(t *testing.T) {
				m, err := mail.Render(name, tc.data)
				if err != nil {
					t.Fatalf("Render(%s): %v", name, err)
				}
				for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s is empty", part)
					}
					if strings.Contains(s, "<no value>") {
						t.Errorf("%s has a missing field: %q", part, s)
					}
				}
				if strings.ContainsAny(m.Subject, "\r\n") {
					t.Errorf("subject spans lines: %q", m.Subject)
				}
				wantNumber := tc.data.SiteNumber
				if wantNumber == "" {
					wantNumber = tc.data.CustomerNumber
				}
				if !strings.Contains(m.Subject, wantNumber) {
					t.Errorf("subject %q lacks %s", m.Subject, wantNumber)
				}
				if !strings.Contains(m.Text, tc.data.RequesterName) || !strings.Contains(m.HTML, tc.data.RequesterName) {
					t.Errorf("body does not name the requester:\n%s\n%s", m.Text, m.HTML)
				}
				if !strings.Contains(m.Text, tc.data.CustomerNumber) {
					t.Errorf("text lacks the customer number: %s", m.Text)
				}
				if !strings.HasPrefix(m.HTML, "<p>") {
					t.Errorf("html does not start with a paragraph: %q", m.HTML)
				}
				label := "self-nomination"
				if tc.kind == "support-access" {
					label = "support access request"
				}
				if !strings.Contains(m.Text, label) {
					t.Errorf("text does not say %q: %s", label, m.Text)
				}
			})
		}
	}
}

func TestRenderDetails(t *testing.T) {
	d := nominationData()
	m, err := mail.Render("request_approved", d)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range d.Granted {
		if !strings.Contains(m.Text, "- "+g) || !strings.Contains(m.HTML, "<li>"+html.EscapeString(g)+"</li>") {
			t.Errorf("approved notice lacks %q:\n%s\n%s", g, m.Text, m.HTML)
		}
	}
	m, err = mail.Render("request_approved", supportData())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "support access level: Full") || strings.Contains(m.Text, "You now have") {
		t.Errorf("support-access approval text: %s", m.Text)
	}
	m, err = mail.Render("request_rejected", d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, d.DecisionReason) || !strings.Contains(m.HTML, d.DecisionReason) {
		t.Errorf("rejection lacks the reason:\n%s\n%s", m.Text, m.HTML)
	}
	m, err = mail.Render("request_new", d)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{d.RequestID, d.Reason, "It expires in 14 days (by 14 December 2026, 09:30 UTC) if nobody decides.", d.RequesterEmail, d.Company} {
		if !strings.Contains(m.Text, s) {
			t.Errorf("new-request text lacks %q: %s", s, m.Text)
		}
	}
}

func TestRenderEscapesHTML(t *testing.T) {
	d := nominationData()
	d.RequesterName = `<script>alert("x")</script> Eve`
	d.Reason = `<img src=x onerror=alert(1)>`
	d.Company = `Evil & Co <b>`
	d.Granted = []string{"<i>all</i>"}
	for _, name := range templateNames {
		m, err := mail.Render(name, d)
		if err != nil {
			t.Fatalf("Render(%s): %v", name, err)
		}
		for _, bad := range []string{"<script>", "<img", "<b>", "<i>"} {
			if strings.Contains(m.HTML, bad) {
				t.Errorf("%s: html contains unescaped %q: %s", name, bad, m.HTML)
			}
		}
		if !strings.Contains(m.HTML, "&lt;script&gt;") {
			t.Errorf("%s: html does not show the escaped name: %s", name, m.HTML)
		}
		// The plain-text part and the subject are not HTML: no entities.
		if !strings.Contains(m.Text, d.RequesterName) {
			t.Errorf("%s: text altered the name: %s", name, m.Text)
		}
		if strings.Contains(m.Subject, "&lt;") {
			t.Errorf("%s: subject is HTML-escaped: %s", name, m.Subject)
		}
	}
}

func TestRenderUnknownTemplate(t *testing.T) {
	for _, name := range []string{"request_unknown", "", "request_new.subject", "REQUEST_NEW"} {
		if m, err := mail.Render(name, nominationData()); err == nil {
			t.Errorf("Render(%q) = %+v, want an error", name, m)
		}
	}
}

func TestParseTemplates(t *testing.T) {
	tpl, err := mail.ParseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	a, err := tpl.Render("request_new", nominationData())
	if err != nil {
		t.Fatal(err)
	}
	b, err := mail.Render("request_new", nominationData())
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("ParseTemplates renders %+v, the default %+v", a, b)
	}
}
