package documents

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pao/pao/models"
)

// agreementKindNames name the kinds of agreement document for people.
var agreementKindNames = map[models.AgreementDocumentKind]string{
	models.AgreementDocAgreement:   "Agreement",
	models.AgreementDocAttachment:  "Attachment",
	models.AgreementDocTransaction: "Transaction document",
	models.AgreementDocTerms:       "Terms",
}

func agreementKindName(k models.AgreementDocumentKind) string {
	if n, ok := agreementKindNames[k]; ok {
		return n
	}
	return string(k)
}

// agreementDoc is an agreement document's content, shared by its HTML and
// its PDF (SPEC B4 tool 7).
type agreementDoc struct {
	Number   string
	Title    string
	Fields   []field
	Sections []models.DocumentSection
	Created  time.Time
}

func newAgreementDoc(a models.AgreementDocumentContent) agreementDoc {
	agreement := a.AgreementNumber
	if strings.TrimSpace(agreement) == "" {
		agreement = expressAgreement
	}
	title := a.Title
	if strings.TrimSpace(title) == "" {
		title = agreementKindName(a.Kind)
	}
	return agreementDoc{
		Number: a.Number,
		Title:  title,
		Fields: []field{
			{"Document number", a.Number},
			{"Kind", agreementKindName(a.Kind)},
			{"Version", a.Version},
			{"Date of issue", FormatDate(a.IssuedAt)},
			{"Customer", joinNonEmpty(" ", a.CustomerNumber, a.CustomerName)},
			{"Agreement", agreement},
		},
		Sections: a.Sections,
		Created:  orElse(a.IssuedAt, epoch),
	}
}

// AgreementHTML writes the agreement document a as an HTML page.
func AgreementHTML(w io.Writer, a models.AgreementDocumentContent) error {
	if err := pages.ExecuteTemplate(w, "agreement", newAgreementDoc(a)); err != nil {
		return fmt.Errorf("agreement document %s: %w", a.Number, err)
	}
	return nil
}

// AgreementPDF writes the agreement document a as a PDF: the same content
// as AgreementHTML. The same document renders the same bytes.
func AgreementPDF(w io.Writer, a models.AgreementDocumentContent) error {
	e := newAgreementDoc(a)
	d := newPDF(e.Title+" "+e.Number, e.Title+" "+e.Number, e.Created, e.Created)
	d.title(e.Title, e.Number)
	d.fields(e.Fields)
	for _, s := range e.Sections {
		d.heading(s.Heading)
		d.paragraph(s.Text)
	}
	return d.output(w, "agreement document "+e.Number)
}
