package documents_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/documents"
	"github.com/pao/pao/models"
)

// sampleAgreementDoc is the S&S attachment of agreement 2000001.
func sampleAgreementDoc() models.AgreementDocumentContent {
	return models.AgreementDocumentContent{
		Number:          "AGR-2000001-002",
		Kind:            models.AgreementDocAttachment,
		Title:           "Attachment for Software Subscription and Support",
		Version:         "SSA 2024-10",
		IssuedAt:        time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC),
		CustomerNumber:  "1000001",
		CustomerName:    "Acme Corporation",
		AgreementNumber: "2000001",
		Sections: []models.DocumentSection{
			{Heading: "What S&S gives", Text: "New versions and releases of the covered products, and technical support."},
			{Heading: "Renewal and reinstatement", Text: "Coverage renews at the anniversary for the quantity renewed."},
		},
	}
}

func agreementPDF(t *testing.T, a models.AgreementDocumentContent) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := documents.AgreementPDF(&b, a); err != nil {
		t.Fatalf("AgreementPDF: %v", err)
	}
	return b.Bytes()
}

func agreementHTML(t *testing.T, a models.AgreementDocumentContent) string {
	t.Helper()
	var b strings.Builder
	if err := documents.AgreementHTML(&b, a); err != nil {
		t.Fatalf("AgreementHTML: %v", err)
	}
	return b.String()
}
