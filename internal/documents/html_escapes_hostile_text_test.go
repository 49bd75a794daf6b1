package documents_test

import (
	"strings"
	"testing"
)

func TestHTMLEscapesHostileText(t *testing.T) {
	const hostile = `<script>alert("x")</script>`
	o := sampleOrder()
	o.Billing.Company = hostile
	o.CustomerName = hostile
	o.Lines[0].Description = `<img src=x onerror=alert(1)>`
	html := confirmationHTML(t, o)
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(html, bad) {
			t.Errorf("confirmation HTML has %s", bad)
		}
	}
	assertContains(t, "confirmation HTML", html, "&lt;script&gt;", "&lt;img")

	p := samplePoE()
	p.SiteName = hostile
	if strings.Contains(poeHTML(t, p), "<script") {
		t.Error("PoE HTML has <script")
	}
}
