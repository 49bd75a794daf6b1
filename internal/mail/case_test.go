package mail_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/mail"
)

func caseData() mail.CaseUpdateData {
	return mail.CaseUpdateData{
		CustomerNumber: "1000001", CaseID: 42, Title: "Backups fail nightly",
		AuthorName: "Grace Green", AuthorEmail: "grace@acme.example.com",
		Body: "We found the cause.\nA fix ships Friday.",
	}
}

// TestCaseUpdateShowsTheCaseTheAuthorAndTheText: the case_update email names
// the account, the case and its title, the author, the update and the path
// of the case, in every part.
func TestCaseUpdateShowsTheCaseTheAuthorAndTheText(t *testing.T) {
	d := caseData()
	m, err := mail.RenderCaseUpdate(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1000001", "42", d.Title} {
		if !strings.Contains(m.Subject, s) {
			t.Errorf("subject %q lacks %q", m.Subject, s)
		}
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		t.Errorf("subject spans lines: %q", m.Subject)
	}
	for part, s := range map[string]string{"text": m.Text, "html": m.HTML} {
		for _, want := range []string{"1000001", "case 42", d.Title, d.AuthorName, d.AuthorEmail, "A fix ships Friday.", "/v1/cases/42"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q:\n%s", part, want, s)
			}
		}
		if strings.Contains(s, "<no value>") {
			t.Errorf("%s has a missing field:\n%s", part, s)
		}
	}
	if !strings.Contains(m.Text, d.Body) {
		t.Errorf("text altered the update:\n%s", m.Text)
	}
	if !strings.HasPrefix(m.HTML, "<p>") {
		t.Errorf("html does not start with a paragraph: %q", m.HTML)
	}
}

func TestCaseUpdateWithoutAuthorNameShowsTheEmail(t *testing.T) {
	d := caseData()
	d.AuthorName = ""
	m, err := mail.RenderCaseUpdate(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Text, d.AuthorEmail+" posted") {
		t.Errorf("text does not start with the author's email: %s", m.Text)
	}
	if strings.Contains(m.Text, "<"+d.AuthorEmail+">") {
		t.Errorf("text shows an empty name: %s", m.Text)
	}
}

func TestCaseUpdateEscapesHTML(t *testing.T) {
	d := caseData()
	d.Title = `<script>alert("x")</script>`
	d.AuthorName = `<b>Eve</b>`
	d.Body = `<img src=x onerror=alert(1)>`
	m, err := mail.RenderCaseUpdate(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<b>", "<img"} {
		if strings.Contains(m.HTML, bad) {
			t.Errorf("html contains unescaped %q: %s", bad, m.HTML)
		}
	}
	if !strings.Contains(m.HTML, "&lt;script&gt;") || !strings.Contains(m.HTML, "&lt;img") {
		t.Errorf("html does not show the escaped text: %s", m.HTML)
	}
	if !strings.Contains(m.Text, d.Body) || !strings.Contains(m.Subject, d.Title) {
		t.Errorf("text or subject altered:\n%s\n%s", m.Subject, m.Text)
	}
}
