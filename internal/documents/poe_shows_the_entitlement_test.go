package documents_test

import (
	"html"
	"testing"
)

func TestPoEShowsTheEntitlement(t *testing.T) {
	p := samplePoE()
	want := []string{
		"Proof of Entitlement", "POE-2026-000077", "30 November 2026",
		"1000001", "Acme GmbH", "2000001", "Acme GmbH Berlin", "PA-555001", "ORD-2026-000123",
		"D0ABCLL", "Example Analytics Server PVU License", "licence + S&S",
		"E0XYZLL", "S&S renewal", "1 December 2026", "30 November 2027",
	}
	// the page as a browser shows it: html/template writes "+" as &#43;
	assertContains(t, "PoE HTML", html.UnescapeString(poeHTML(t, p)), want...)

	text, _ := pdfText(t, poePDF(t, p))
	pdfWant := []string{
		"Proof of Entitlement", "POE-2026-000077", "30 November 2026",
		"1000001 Acme GmbH", "2000001 Acme GmbH Berlin", "PA-555001", "ORD-2026-000123",
		"D0ABCLL", "licence + S&S", "E0XYZLL", "S&S renewal", "1 December 2026", "30 November 2027",
		"Page 1 of 1",
	}
	assertContains(t, "PoE PDF", text, pdfWant...)
}
