package seed

import (
	"encoding/json"
	"fmt"

	"github.com/pao/pao/models"
)

// The agreement documents of the demo (issue 12 item 5): per agreement,
// the agreement itself, its S&S attachment and the enrolment transaction
// document (its sites and relationship volume level); a customer without
// an agreement (Express) its Express terms. Each is issued a number of
// days before the first load and kept by a second one (keyed by number).

// agreementDocSpec is a document of an agreement (or of a customer
// without one). Sections nil: the enrolment, written from the agreement.
type agreementDocSpec struct {
	seq            int
	kind           models.AgreementDocumentKind
	title, version string
	issuedDaysAgo  int
	sections       []models.DocumentSection
}

type section = models.DocumentSection

// agreementDocs are every agreement's documents.
var agreementDocs = []agreementDocSpec{
	{1, models.AgreementDocAgreement, "Passport Advantage Agreement", "PAA 2024-10", 730, []section{
		{Heading: "Scope", Text: "This agreement sets the terms on which the customer acquires software licences and Software Subscription and Support (S&S) under the Passport Advantage programme."},
		{Heading: "Sites", Text: "The customer enrols an origin site and may add sites; each site has its own contacts and places its own orders under this agreement."},
		{Heading: "Relationship volume level", Text: "The points of every site's purchases over the agreement year set one price level for all the agreement's sites."},
		{Heading: "Anniversary", Text: "S&S is renewed for twelve months at each anniversary of the agreement."},
	}},
	{2, models.AgreementDocAttachment, "Attachment for Software Subscription and Support", "SSA 2024-10", 730, []section{
		{Heading: "What S&S gives", Text: "New versions and releases of the covered products, and technical support, while coverage lasts."},
		{Heading: "Renewal and reinstatement", Text: "Coverage renews at the anniversary for the quantity renewed; coverage that has lapsed is reinstated with a reinstatement part."},
	}},
	{3, models.AgreementDocTransaction, "Enrolment and relationship volume level", "1", 365, nil},
}

// expressDocs are the documents of a customer without an agreement.
var expressDocs = []agreementDocSpec{
	{1, models.AgreementDocTerms, "Passport Advantage Express terms", "PAX 2024-10", 540, []section{
		{Heading: "Scope", Text: "These terms govern purchases at a Passport Advantage Express site: one site, one price level, no relationship points."},
		{Heading: "S&S", Text: "S&S bought at an Express site runs to the end of the same month one year later."},
	}},
}

// agreementDocuments inserts the documents of every demo agreement and of
// every Express customer; a second load keeps the first one's.
func (l *loader) agreementDocuments() error {
	names := make(map[string]string, len(customers))
	for _, c := range customers {
		names[c.number] = c.name
	}
	var rows []models.AgreementDocument
	add := func(key, customer, agreement string, d agreementDocSpec) error {
		content := models.AgreementDocumentContent{
			Number: fmt.Sprintf("AGR-%s-%03d", key, d.seq), Kind: d.kind, Title: d.title, Version: d.version,
			IssuedAt: l.day.AddDate(0, 0, -d.issuedDaysAgo), CustomerNumber: customer, CustomerName: names[customer],
			AgreementNumber: agreement, Sections: d.sections,
		}
		if content.Sections == nil {
			content.Sections = enrolment(agreement)
		}
		raw, err := json.Marshal(content)
		if err != nil {
			return fmt.Errorf("agreement document %s: %w", content.Number, err)
		}
		row := models.AgreementDocument{
			Number: content.Number, CustomerID: l.customerIDs[customer], Kind: d.kind,
			Title: d.title, Version: d.version, IssuedAt: content.IssuedAt, Content: models.JSON(raw),
		}
		if agreement != "" {
			id := l.agreementIDs[agreement]
			row.AgreementID = &id
		}
		rows = append(rows, row)
		return nil
	}
	for _, a := range agreements {
		for _, d := range agreementDocs {
			if err := add(a.number, a.customer, a.number, d); err != nil {
				return err
			}
		}
	}
	express := map[string]bool{}
	for _, s := range sites {
		if s.agreement != "" || express[s.customer] {
			continue
		}
		express[s.customer] = true
		for _, d := range expressDocs {
			if err := add(s.customer, s.customer, "", d); err != nil {
				return err
			}
		}
	}
	if err := l.tx.Clauses(doNothing("number")).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert agreement documents: %w", err)
	}
	return nil
}

// enrolment is the enrolment document of an agreement: its relationship
// volume level and each of its sites.
func enrolment(agreement string) []section {
	var out []section
	for _, a := range agreements {
		if a.number == agreement {
			out = append(out, section{Heading: "Agreement " + a.number,
				Text: "Relationship volume level " + a.level + "; every site of the agreement buys at this level."})
		}
	}
	for _, s := range sites {
		if s.agreement == agreement {
			out = append(out, section{Heading: "Site " + s.number,
				Text: fmt.Sprintf("%s: %s site in %s, prices in %s.", s.name, s.kind, s.country, s.currency)})
		}
	}
	return out
}
