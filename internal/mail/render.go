// Package mail renders notice emails from templates (text and HTML), sends
// queued outbox rows over SMTP with retries, and provides a small SMTP sink
// that stores what it receives (for `pao dev` and the end-to-end tests).
package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// NoticeData is what the access-request templates can show: only what a
// person reads in the product, no level codes (downloads_media) and no Go
// durations (336h0m0s).
type NoticeData struct {
	RequestID      string
	Kind           string // nomination | support-access
	SiteNumber     string
	CustomerNumber string
	RequesterName  string
	RequesterEmail string
	Company        string
	Phone          string
	Reason         string
	Status         string
	DecidedBy      string
	DecisionReason string
	Granted        []string // one "Tool: level" line per tool granted, e.g. "Reporting: view"
	SupportLevel   string   // the support level as a person reads it, e.g. "Full"
	ExpireAfter    time.Duration
	ExpiresAt      time.Time // when the request expires if nobody decides; zero if unknown
}

// ExpiresIn is the expiry delay for a person: "14 days".
func (d NoticeData) ExpiresIn() string { return HumanDuration(d.ExpireAfter) }

// ExpiresBy is when the request expires, for a person: "14 December 2026,
// 09:30 UTC", or "" when unknown.
func (d NoticeData) ExpiresBy() string { return HumanTime(d.ExpiresAt) }

// HumanDuration writes d, rounded to the minute, in days, hours and
// minutes: "14 days", "1 day and 12 hours", "3 hours and 5 minutes"; under
// a minute is "less than a minute".
func HumanDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Minute {
		return "less than a minute"
	}
	var parts []string
	for _, u := range []struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}} {
		n := d / u.size
		d -= n * u.size
		switch {
		case n == 1:
			parts = append(parts, "1 "+u.name)
		case n > 1:
			parts = append(parts, strconv.FormatInt(int64(n), 10)+" "+u.name+"s")
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// HumanTime writes t in UTC to the minute: "14 December 2026, 09:30 UTC";
// the zero time is "".
func HumanTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 January 2006, 15:04 UTC")
}

// Message is a rendered email.
type Message struct {
	Subject, Text, HTML string
}

// Templates holds the parsed templates; ParseTemplates builds it once per
// process and Render uses a process-wide, read-only copy.
type Templates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

var funcs = map[string]any{"kindLabel": kindLabel}

func kindLabel(kind string) string {
	if kind == "support-access" {
		return "support access request"
	}
	return "self-nomination"
}

// ParseTemplates parses every embedded template.
func ParseTemplates() (*Templates, error) {
	t, err := texttemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse text templates: %w", err)
	}
	h, err := htmltemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse html templates: %w", err)
	}
	return &Templates{text: t, html: h}, nil
}

// Render renders notice name ("request_new", …) with data.
func (t *Templates) Render(name string, data any) (Message, error) {
	var m Message
	var buf bytes.Buffer
	for _, part := range []struct {
		block string
		dst   *string
		html  bool
	}{{name + ".subject", &m.Subject, false}, {name + ".text", &m.Text, false}, {name + ".html", &m.HTML, true}} {
		buf.Reset()
		var err error
		if part.html {
			err = t.html.ExecuteTemplate(&buf, part.block, data)
		} else {
			err = t.text.ExecuteTemplate(&buf, part.block, data)
		}
		if err != nil {
			return m, fmt.Errorf("render %s: %w", part.block, err)
		}
		*part.dst = strings.TrimSpace(buf.String())
	}
	return m, nil
}

// defaultTemplates are parsed at init from embedded files: immutable, and a
// parse failure is a build defect caught by the package tests.
var defaultTemplates = func() *Templates {
	t, err := ParseTemplates()
	if err != nil {
		panic(err)
	}
	return t
}()

// Render renders with the embedded templates.
func Render(name string, data any) (Message, error) { return defaultTemplates.Render(name, data) }
