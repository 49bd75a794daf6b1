package software

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

//go:embed templates/media_request.tmpl
var templateFS embed.FS

// message is a rendered email.
type message struct{ Subject, Text, HTML string }

// mediaData is what the media request email shows.
type mediaData struct {
	MediaRequest
	SiteNumber, SiteName string
	RequesterName        string
}

// Requester is who asked: "Name <email>", or the email alone.
func (d mediaData) Requester() string {
	if d.RequesterName == "" {
		return d.RequestedBy
	}
	return d.RequesterName + " <" + d.RequestedBy + ">"
}

// Link is the path of the site's media requests in the API.
func (d mediaData) Link() string { return "/v1/sites/" + d.SiteNumber + "/media-requests" }

// ShipToLines is the address as it is written on a parcel.
func (d mediaData) ShipToLines() []string {
	a := d.ShipTo
	var out []string
	add := func(parts ...string) {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		if len(kept) > 0 {
			out = append(out, strings.Join(kept, " "))
		}
	}
	add("Attn:", a.Name)
	add(a.Company)
	add(a.Line1)
	add(a.Line2)
	add(a.PostalCode, a.City)
	add(a.Region)
	add(a.Country)
	if a.Phone != "" {
		add("Phone:", a.Phone)
	}
	return out
}

// renderMedia renders the media request email (text and HTML). The
// templates are parsed per email: a request is rare, and nothing is held
// between requests.
func renderMedia(d mediaData) (message, error) {
	t, err := texttemplate.ParseFS(templateFS, "templates/media_request.tmpl")
	if err != nil {
		return message{}, fmt.Errorf("parse media request email: %w", err)
	}
	h, err := htmltemplate.ParseFS(templateFS, "templates/media_request.tmpl")
	if err != nil {
		return message{}, fmt.Errorf("parse media request email: %w", err)
	}
	var m message
	var buf bytes.Buffer
	for _, part := range []struct {
		name string
		dst  *string
		html bool
	}{{"subject", &m.Subject, false}, {"text", &m.Text, false}, {"html", &m.HTML, true}} {
		buf.Reset()
		if part.html {
			err = h.ExecuteTemplate(&buf, part.name, d)
		} else {
			err = t.ExecuteTemplate(&buf, part.name, d)
		}
		if err != nil {
			return message{}, fmt.Errorf("render media request email %s: %w", part.name, err)
		}
		*part.dst = strings.TrimSpace(buf.String())
	}
	return m, nil
}
