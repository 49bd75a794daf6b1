package documents

import (
	"fmt"
	"io"
	"strings"

	"github.com/pao/pao/models"
)

// PoEPDF writes the Proof of Entitlement p (SPEC G8) as a PDF: the same
// content as PoEHTML. The same document renders the same bytes.
func PoEPDF(w io.Writer, p models.ProofOfEntitlement) error {
	e := newPoE(p)
	d := newPDF("Proof of Entitlement "+e.Number, "Proof of Entitlement "+e.Number, e.Created, e.Created)
	d.title("Proof of Entitlement", e.Number)
	d.fields(e.Fields)

	d.heading("Entitled products")
	items := table{cols: []column{
		{title: "#", width: 8, align: "L"},
		{title: "Part number", width: 24, align: "L"},
		{title: "Description", width: 60, align: "L"},
		{title: "Quantity", width: 16, align: "R"},
		{title: "Entitlement", width: 28, align: "L"},
		{title: "Coverage", width: 44, align: "L"},
	}, header: true, rules: true}
	rows := make([][]cell, 0, len(e.Items))
	for _, it := range e.Items {
		rows = append(rows, []cell{
			plainCell(fmt.Sprint(it.No)), plainCell(it.PartNumber), plainCell(it.Description),
			plainCell(it.Quantity), plainCell(it.Entitlement), plainCell(strings.Replace(it.Coverage, " – ", " –\n", 1)),
		})
	}
	d.table(items, rows)

	d.f.Ln(4)
	d.paragraph(poeStatement)
	return d.output(w, "proof of entitlement "+e.Number)
}

// poeStatement closes a Proof of Entitlement, in its HTML and its PDF.
const poeStatement = "This Proof of Entitlement is evidence of the entitlement of the customer named above to the products listed, for the quantities and coverage periods shown. Keep it with your records."
