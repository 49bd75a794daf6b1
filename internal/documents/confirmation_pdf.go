package documents

import (
	"fmt"
	"io"

	"github.com/pao/pao/models"
)

// ConfirmationPDF writes the order confirmation of o (SPEC G6) as a PDF:
// the same content as ConfirmationHTML, on A4 pages numbered in the
// footer. The same order renders the same bytes.
func ConfirmationPDF(w io.Writer, o models.OrderView) error {
	c := newConfirmation(o)
	d := newPDF("Order confirmation "+c.Reference, "Order confirmation "+c.Reference, c.Created, c.Modified)
	d.title("Order confirmation", c.Reference)
	d.fields(c.Fields)

	d.heading("Billing and shipping")
	parties := table{cols: []column{
		{title: "Billing", width: contentWidth / 2, align: "L"},
		{title: "Shipping", width: contentWidth / 2, align: "L"},
	}, header: true}
	d.table(parties, [][]cell{{linesCell(c.Billing), linesCell(c.Shipping)}})

	d.heading("Items")
	items := table{cols: []column{
		{title: "#", width: 8, align: "L"},
		{title: "Part number", width: 26, align: "L"},
		{title: "Description", width: 74, align: "L"},
		{title: "Quantity", width: 16, align: "R"},
		{title: "Unit price", width: 28, align: "R"},
		{title: "Line total", width: 28, align: "R"},
	}, header: true, rules: true}
	rows := make([][]cell, 0, len(c.Lines)+1)
	for _, l := range c.Lines {
		desc := cell{{text: l.Description}}
		for _, s := range l.Details() {
			desc = append(desc, para{text: s, style: detail})
		}
		rows = append(rows, []cell{
			plainCell(fmt.Sprint(l.No)), plainCell(l.PartNumber), desc,
			plainCell(l.Quantity), plainCell(l.UnitPrice), plainCell(l.LineTotal),
		})
	}
	rows = append(rows, []cell{nil, nil, nil, nil, boldCell("Total"), boldCell(c.Total)})
	d.table(items, rows)

	d.f.Ln(4)
	if c.TermsVersion != "" {
		d.paragraph("Terms and conditions version " + c.TermsVersion + " accepted with this order.")
	} else {
		d.paragraph("No terms version recorded.")
	}
	return d.output(w, "order confirmation "+c.Reference)
}
