package documents_test

import "testing"

func TestConfirmationHTMLShowsTheOrder(t *testing.T) {
	html := confirmationHTML(t, sampleOrder())
	assertContains(t, "confirmation HTML", html,
		"ORD-2026-000123", "30 November 2026", "Completed", "Zoë Müller",
		"Visa ending 4242, expires 12/2028",
		"Friedrichstraße 10", "Lagerweg 3", "20095 Hamburg",
		"D0ABCLL", "Example Analytics Server Processor Value Unit", "E0XYZLL",
		"Coverage 1 December 2026 – 30 November 2027",
		"USD 617.25", "USD 1,234.50", "USD 90.00", "USD 1,324.50",
		"Terms and conditions version 2026-09",
	)
}
