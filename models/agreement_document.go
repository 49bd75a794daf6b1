package models

import "time"

// AgreementDocumentKind is what an agreement document is (SPEC B4 tool 7).
type AgreementDocumentKind string

// Agreement document kinds: the agreement itself, an attachment to it
// (the terms of a kind of offering, such as S&S), a transaction document
// (the enrolment: sites, relationship volume level), and terms (country
// or offering terms, an Express customer's agreement terms).
const (
	AgreementDocAgreement   AgreementDocumentKind = "agreement"
	AgreementDocAttachment  AgreementDocumentKind = "attachment"
	AgreementDocTransaction AgreementDocumentKind = "transaction_document"
	AgreementDocTerms       AgreementDocumentKind = "terms"
)

// AgreementDocument is an agreement_documents row: a document of a
// customer's agreement (AgreementID nil: the customer's own, every site
// of the customer sees it) as issued; Content is JSON of
// AgreementDocumentContent.
type AgreementDocument struct {
	ID          int64 `gorm:"primaryKey"`
	Number      string
	CustomerID  int64
	AgreementID *int64
	Kind        AgreementDocumentKind
	Title       string
	Version     string
	IssuedAt    time.Time
	Content     JSON
	CreatedAt   time.Time
}

// AgreementDocumentContent is an agreement document as issued: what it is,
// whose it is, and its text in sections.
type AgreementDocumentContent struct {
	Number          string                `json:"number"`
	Kind            AgreementDocumentKind `json:"kind"`
	Title           string                `json:"title"`
	Version         string                `json:"version"`
	IssuedAt        time.Time             `json:"issued_at"`
	CustomerNumber  string                `json:"customer_number"`
	CustomerName    string                `json:"customer_name"`
	AgreementNumber string                `json:"agreement_number,omitempty"` // empty: an Express customer's
	Sections        []DocumentSection     `json:"sections"`
}

// DocumentSection is a headed section of a document's text.
type DocumentSection struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}
