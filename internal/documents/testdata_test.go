package documents_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/pao/pao/internal/documents"
	"github.com/pao/pao/models"
)

func ptr(t time.Time) *time.Time { return &t }

func usd(minor int64) models.Money { return models.Money{Minor: minor, Currency: "USD"} }

// sampleOrder is a paid card order of two lines: a new licence with
// coverage and a quoted renewal with a discount.
func sampleOrder() models.OrderView {
	ordered := time.Date(2026, 11, 30, 14, 5, 0, 0, time.UTC)
	return models.OrderView{
		Reference:      "ORD-2026-000123",
		Status:         models.OrderCompleted,
		SiteNumber:     "2000001",
		SiteName:       "Acme Gmbh Berlin",
		CustomerNumber: "1000001",
		CustomerName:   "Acme GmbH",
		Buyer:          "Zoë Müller",
		OrderedAt:      ordered,
		UpdatedAt:      ordered.Add(2 * time.Hour),
		Payment: models.PaymentShown{
			Method: models.PayCard, Brand: models.BrandVisa, Last4: "4242", ExpMonth: 12, ExpYear: 2028,
		},
		Billing: models.Address{
			Name: "Zoë Müller", Company: "Acme GmbH", Line1: "Friedrichstraße 10", City: "Berlin",
			PostalCode: "10117", Country: "DE", Email: "zoe@acme.example.com", Phone: "+49 30 1234",
		},
		Shipping: models.Address{
			Name: "Jonas Weber", Company: "Acme GmbH", Line1: "Lagerweg 3", City: "Hamburg",
			PostalCode: "20095", Country: "DE", Email: "jonas@acme.example.com", Phone: "+49 40 5678",
		},
		Lines: []models.OrderLine{
			{
				CheckoutLine: models.CheckoutLine{
					LineNo: 1, Kind: models.LineCatalog, PartNumber: "D0ABCLL",
					Description: "Example Analytics Server Processor Value Unit (PVU) License + SW Subscription & Support 12 Months",
					LicenseType: "license_ss", Quantity: 2, UnitPrice: usd(61725), LineTotal: usd(123450),
				},
				CoverageStart: ptr(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)),
				CoverageEnd:   ptr(time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC)),
			},
			{
				CheckoutLine: models.CheckoutLine{
					LineNo: 2, Kind: models.LineQuote, PartNumber: "E0XYZLL",
					Description: "Example Integration Bus Annual SW Subscription & Support Renewal",
					LicenseType: "ss_renewal", Quantity: 1, UnitPrice: usd(10000), DiscountBP: 1000,
					LineTotal: usd(9000), QuoteNumber: "Q-2026-0042", QuoteVersion: 2,
				},
			},
		},
		Total:        usd(132450),
		QuoteNumbers: []string{"Q-2026-0042"},
		TermsVersion: "2026-09",
		Documents:    []string{"POE-2026-000077"},
	}
}

// poOrder is sampleOrder paid by purchase order.
func poOrder() models.OrderView {
	o := sampleOrder()
	o.Status = models.OrderAwaitingPO
	o.Payment = models.PaymentShown{Method: models.PayPurchaseOrder, PONumber: "PO-88123", POReference: "ACME-IT-7"}
	return o
}

// manyLines is sampleOrder with n lines, each with its own part number
// (partNumber(i)).
func manyLines(n int) models.OrderView {
	o := sampleOrder()
	o.Lines = nil
	total := int64(0)
	for i := range n {
		o.Lines = append(o.Lines, models.OrderLine{CheckoutLine: models.CheckoutLine{
			LineNo: i + 1, Kind: models.LineCatalog, PartNumber: partNumber(i),
			Description: fmt.Sprintf("Product %d Authorized User License + SW Subscription & Support 12 Months", i+1),
			LicenseType: "license_ss", Quantity: 1, UnitPrice: usd(1000), LineTotal: usd(1000),
		}})
		total += 1000
	}
	o.Total = usd(total)
	return o
}

func partNumber(i int) string { return fmt.Sprintf("P%05dZZ", i) }

// samplePoE is the Proof of Entitlement of sampleOrder.
func samplePoE() models.ProofOfEntitlement {
	return models.ProofOfEntitlement{
		Number:          "POE-2026-000077",
		IssuedAt:        time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC),
		OrderReference:  "ORD-2026-000123",
		CustomerNumber:  "1000001",
		CustomerName:    "Acme GmbH",
		SiteNumber:      "2000001",
		SiteName:        "Acme GmbH Berlin",
		AgreementNumber: "PA-555001",
		Items: []models.PoEItem{
			{
				PartNumber: "D0ABCLL", Description: "Example Analytics Server PVU License + SW S&S 12 Months",
				Quantity: 2, Entitlement: "licence + S&S",
				CoverageStart: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
				CoverageEnd:   time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC),
			},
			{
				PartNumber: "E0XYZLL", Description: "Example Integration Bus Annual SW S&S Renewal",
				Quantity: 1, Entitlement: "S&S renewal",
				CoverageStart: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
				CoverageEnd:   time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC),
			},
		},
	}
}

func confirmationPDF(t *testing.T, o models.OrderView) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := documents.ConfirmationPDF(&b, o); err != nil {
		t.Fatalf("ConfirmationPDF: %v", err)
	}
	return b.Bytes()
}

func confirmationHTML(t *testing.T, o models.OrderView) string {
	t.Helper()
	var b strings.Builder
	if err := documents.ConfirmationHTML(&b, o); err != nil {
		t.Fatalf("ConfirmationHTML: %v", err)
	}
	return b.String()
}

func poePDF(t *testing.T, p models.ProofOfEntitlement) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := documents.PoEPDF(&b, p); err != nil {
		t.Fatalf("PoEPDF: %v", err)
	}
	return b.Bytes()
}

func poeHTML(t *testing.T, p models.ProofOfEntitlement) string {
	t.Helper()
	var b strings.Builder
	if err := documents.PoEHTML(&b, p); err != nil {
		t.Fatalf("PoEHTML: %v", err)
	}
	return b.String()
}

// pdfText is the text of a PDF as a PDF reader extracts it, and its page
// count. It fails the test unless b is a PDF.
func pdfText(t *testing.T, b []byte) (string, int) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %q", b[:min(len(b), 16)])
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	tr, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("extract text: %v", err)
	}
	text, err := io.ReadAll(tr)
	if err != nil {
		t.Fatalf("extract text: %v", err)
	}
	return string(text), r.NumPage()
}

// assertContains fails for each of want that s lacks.
func assertContains(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}
