// Package mail renders notice emails from templates (text and HTML), sends
// queued outbox rows over SMTP with retries, and provides a small SMTP sink
// that stores what it receives (for `pao dev` and the end-to-end tests).
package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// NoticeData is what the access-request templates can show.
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
	Granted        []string
	SupportLevel   string
	ExpiresIn      string
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
