package documents_test

import (
	"strings"
	"testing"
)

// The HTML documents print on A4 and stand alone: no scripts and nothing
// loaded from elsewhere.
func TestHTMLIsPrintReady(t *testing.T) {
	docs := map[string]string{
		"confirmation": confirmationHTML(t, sampleOrder()),
		"PoE":          poeHTML(t, samplePoE()),
	}
	titles := map[string]string{
		"confirmation": "<title>Order confirmation ORD-2026-000123</title>",
		"PoE":          "<title>Proof of Entitlement POE-2026-000077</title>",
	}
	for what, html := range docs {
		assertContains(t, what, html, "@media print", "size: A4", titles[what])
		lower := strings.ToLower(html)
		for _, bad := range []string{"<script", "http", "<link", "<nav", "@import", "url("} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s HTML has %q", what, bad)
			}
		}
	}
}
