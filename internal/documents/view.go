package documents

import (
	"fmt"
	"strings"
	"time"

	"github.com/pao/pao/models"
)

// field is a labelled value of a document's header.
type field struct {
	Label, Value string
}

// confirmationLine is an order line as the confirmation shows it.
type confirmationLine struct {
	No          int
	PartNumber  string
	Description string
	Type        string
	Coverage    string // empty when the line has no coverage (yet)
	Quote       string // "Quote Q-1 version 2", or empty
	Discount    string // "10.00% discount", or empty
	Quantity    string
	UnitPrice   string
	LineTotal   string
}

// Details are the lines under a line's description: its kind, coverage,
// quote and discount, those that are set.
func (l confirmationLine) Details() []string {
	var out []string
	for _, s := range []string{l.Type, l.Coverage, l.Quote, l.Discount} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// confirmation is the order confirmation's content, shared by its HTML
// and its PDF.
type confirmation struct {
	Reference    string
	Fields       []field
	Billing      []string
	Shipping     []string
	Lines        []confirmationLine
	Total        string
	TermsVersion string
	Created      time.Time // the PDF's creation date
	Modified     time.Time // the PDF's modification date
}

// epoch stands in for a missing document date, so a PDF never takes the
// time it was rendered at.
var epoch = time.Unix(0, 0).UTC()

func orElse(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t.UTC()
}

func newConfirmation(o models.OrderView) confirmation {
	status := statusName(o.Status)
	if o.StatusReason != "" {
		status += " (" + o.StatusReason + ")"
	}
	fields := []field{
		{"Order reference", o.Reference},
		{"Order date", FormatDate(o.OrderedAt)},
		{"Status", status},
		{"Customer", joinNonEmpty(" ", o.CustomerNumber, o.CustomerName)},
		{"Site", joinNonEmpty(" ", o.SiteNumber, o.SiteName)},
	}
	if o.Buyer != "" {
		fields = append(fields, field{"Ordered by", o.Buyer})
	}
	fields = append(fields, field{"Payment", PaymentText(o.Payment)})
	if len(o.QuoteNumbers) > 0 {
		fields = append(fields, field{"Quotes", strings.Join(o.QuoteNumbers, ", ")})
	}
	if len(o.Documents) > 0 {
		fields = append(fields, field{"Proofs of Entitlement", strings.Join(o.Documents, ", ")})
	}
	c := confirmation{
		Reference:    o.Reference,
		Fields:       fields,
		Billing:      addressLines(o.Billing),
		Shipping:     addressLines(o.Shipping),
		Total:        FormatMoney(o.Total),
		TermsVersion: o.TermsVersion,
		Created:      orElse(o.OrderedAt, epoch),
	}
	c.Modified = orElse(o.UpdatedAt, c.Created)
	for i, l := range o.Lines {
		no := l.LineNo
		if no == 0 {
			no = i + 1
		}
		cl := confirmationLine{
			No:          no,
			PartNumber:  l.PartNumber,
			Description: l.Description,
			Type:        licenseTypeName(l.LicenseType),
			Quantity:    fmt.Sprint(l.Quantity),
			UnitPrice:   FormatMoney(l.UnitPrice),
			LineTotal:   FormatMoney(l.LineTotal),
		}
		if l.CoverageStart != nil || l.CoverageEnd != nil {
			var s, e time.Time
			if l.CoverageStart != nil {
				s = *l.CoverageStart
			}
			if l.CoverageEnd != nil {
				e = *l.CoverageEnd
			}
			if p := FormatPeriod(s, e); p != "" {
				cl.Coverage = "Coverage " + p
			}
		}
		if l.QuoteNumber != "" {
			cl.Quote = "Quote " + l.QuoteNumber
			if l.QuoteVersion > 0 {
				cl.Quote += fmt.Sprintf(" version %d", l.QuoteVersion)
			}
		}
		if l.DiscountBP > 0 {
			cl.Discount = fmt.Sprintf("%d.%02d%% discount", l.DiscountBP/100, l.DiscountBP%100)
		}
		c.Lines = append(c.Lines, cl)
	}
	return c
}

// poeItem is a product of a Proof of Entitlement as the document shows it.
type poeItem struct {
	No          int
	PartNumber  string
	Description string
	Quantity    string
	Entitlement string
	Coverage    string
}

// poe is the Proof of Entitlement's content, shared by its HTML and PDF.
type poe struct {
	Number  string
	Fields  []field
	Items   []poeItem
	Created time.Time
}

// expressAgreement is what a Proof of Entitlement says for the agreement
// of a site without one.
const expressAgreement = "Express"

func newPoE(p models.ProofOfEntitlement) poe {
	agreement := p.AgreementNumber
	if strings.TrimSpace(agreement) == "" {
		agreement = expressAgreement
	}
	d := poe{
		Number: p.Number,
		Fields: []field{
			{"Proof of Entitlement number", p.Number},
			{"Date of issue", FormatDate(p.IssuedAt)},
			{"Customer", joinNonEmpty(" ", p.CustomerNumber, p.CustomerName)},
			{"Site", joinNonEmpty(" ", p.SiteNumber, p.SiteName)},
			{"Agreement", agreement},
			{"Order reference", p.OrderReference},
		},
		Created: orElse(p.IssuedAt, epoch),
	}
	for i, it := range p.Items {
		cov := FormatPeriod(it.CoverageStart, it.CoverageEnd)
		if cov == "" {
			cov = "—"
		}
		d.Items = append(d.Items, poeItem{
			No:          i + 1,
			PartNumber:  it.PartNumber,
			Description: it.Description,
			Quantity:    fmt.Sprint(it.Quantity),
			Entitlement: it.Entitlement,
			Coverage:    cov,
		})
	}
	return d
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
