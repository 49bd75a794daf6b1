package documents

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Page geometry of the PDFs, in millimetres: A4 portrait.
const (
	pageHeight   = 297.0
	marginLeft   = 15.0
	marginTop    = 15.0
	marginRight  = 15.0
	marginBottom = 18.0
	contentWidth = 210.0 - marginLeft - marginRight
	pageLimit    = pageHeight - marginBottom // no text below this

	fontFamily = "Helvetica"
	bodySize   = 8.5
	detailSize = 7.5
	lineHeight = 4.2
	rowPadding = 1.0
	// minSplit is how many lines of a row must fit before a page break for
	// the row to start on this page rather than the next.
	minSplit = 3
)

// style is how a paragraph of a cell is set.
type style int

const (
	plain  style = iota
	bold         // labels, totals
	detail       // smaller and grey: the details under a description
)

// para is a paragraph of a table cell.
type para struct {
	text  string
	style style
}

// cell is the content of one column of a table row.
type cell []para

func plainCell(s string) cell { return cell{{text: s}} }
func boldCell(s string) cell  { return cell{{text: s, style: bold}} }

// column is a column of a table: its title (when the table has a header
// row), width and alignment ("L" or "R").
type column struct {
	title string
	width float64
	align string
}

// table is a grid whose cells wrap; rows break across pages, and a header
// row repeats on every page.
type table struct {
	cols   []column
	header bool // draw a header row with the column titles
	rules  bool // draw a thin line under each row
}

// pdfDoc is a PDF being written: an fpdf document with core fonts, text
// translated from UTF-8 to code page 1252 ('?' for anything outside it),
// a footer with page numbers, and fixed dates so the same input renders
// the same bytes.
type pdfDoc struct {
	f  *fpdf.Fpdf
	tr func(string) string
}

// nbAlias is replaced by the page count when the PDF is written.
const nbAlias = "{nb}"

func newPDF(title, footer string, created, modified time.Time) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, tr: f.UnicodeTranslatorFromDescriptor("")}
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(modified.UTC())
	f.SetTitle(title, true)
	f.SetCreator("pao documents", true)
	f.SetLang("en")
	f.AliasNbPages(nbAlias)
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(fontFamily, "", detailSize)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(contentWidth/2, 5, d.text(footer), "T", 0, "L", false, 0, "")
		f.CellFormat(contentWidth/2, 5, d.text("Page "+strconv.Itoa(f.PageNo())+" of "+nbAlias), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d
}

// text translates s from UTF-8 to code page 1252 for the core fonts: a
// character the code page lacks becomes '?', a control character a space.
func (d *pdfDoc) text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		case r < 0x80:
			b.WriteByte(byte(r))
		default:
			t := d.tr(string(r))
			if len(t) != 1 || t == "." {
				b.WriteByte('?')
			} else {
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

func (d *pdfDoc) setStyle(s style) {
	switch s {
	case bold:
		d.f.SetFont(fontFamily, "B", bodySize)
		d.f.SetTextColor(0, 0, 0)
	case detail:
		d.f.SetFont(fontFamily, "", detailSize)
		d.f.SetTextColor(85, 85, 85)
	default:
		d.f.SetFont(fontFamily, "", bodySize)
		d.f.SetTextColor(0, 0, 0)
	}
}

// title writes a document's title and its number under it.
func (d *pdfDoc) title(title, number string) {
	f := d.f
	f.SetFont(fontFamily, "B", 18)
	f.SetTextColor(31, 58, 95)
	f.CellFormat(contentWidth, 9, d.text(title), "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "B", 13)
	f.SetTextColor(0, 0, 0)
	f.CellFormat(contentWidth, 7, d.text(number), "", 1, "L", false, 0, "")
	f.SetDrawColor(31, 58, 95)
	f.SetLineWidth(0.6)
	y := f.GetY() + 1
	f.Line(marginLeft, y, marginLeft+contentWidth, y)
	f.SetLineWidth(0.2)
	f.SetY(y + 4)
}

// heading writes a section heading, on a new page when fewer than a few
// lines would fit under it.
func (d *pdfDoc) heading(s string) {
	f := d.f
	if f.GetY()+8+minSplit*lineHeight > pageLimit {
		f.AddPage()
	} else {
		f.SetY(f.GetY() + 3)
	}
	f.SetFont(fontFamily, "B", 11)
	f.SetTextColor(31, 58, 95)
	f.CellFormat(contentWidth, 6, d.text(s), "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// paragraph writes s across the page, wrapped.
func (d *pdfDoc) paragraph(s string) {
	d.table(table{cols: []column{{width: contentWidth, align: "L"}}}, [][]cell{{plainCell(s)}})
}

// wline is a wrapped line of a cell.
type wline struct {
	text  string
	style style
}

// wrap splits a cell into the lines that fit its column.
func (d *pdfDoc) wrap(c cell, width float64) []wline {
	var out []wline
	for _, p := range c {
		d.setStyle(p.style)
		for _, part := range strings.Split(p.text, "\n") {
			t := d.text(part)
			if strings.TrimSpace(t) == "" {
				continue
			}
			for _, l := range d.f.SplitLines([]byte(t), width) {
				out = append(out, wline{text: string(l), style: p.style})
			}
		}
	}
	return out
}

// tableHeader writes the header row of t.
func (d *pdfDoc) tableHeader(t table) {
	f := d.f
	f.SetFont(fontFamily, "B", bodySize)
	f.SetFillColor(228, 233, 241)
	f.SetX(marginLeft)
	for _, c := range t.cols {
		f.CellFormat(c.width, lineHeight+2*rowPadding, d.text(c.title), "B", 0, c.align, true, 0, "")
	}
	f.Ln(-1)
}

// table writes rows of t, wrapping each cell to its column; a row that
// does not fit breaks onto the next page, whose header row is repeated.
func (d *pdfDoc) table(t table, rows [][]cell) {
	f := d.f
	if t.header {
		if f.GetY()+lineHeight+2*rowPadding+minSplit*lineHeight > pageLimit {
			f.AddPage()
		}
		d.tableHeader(t)
	}
	for _, row := range rows {
		lines := make([][]wline, len(t.cols))
		n := 1
		for i := range t.cols {
			if i < len(row) {
				lines[i] = d.wrap(row[i], t.cols[i].width)
			}
			n = max(n, len(lines[i]))
		}
		for start := 0; start < n; {
			y := f.GetY()
			fit := int(math.Floor((pageLimit - y - 2*rowPadding) / lineHeight))
			if fit < 1 || (fit < n-start && fit < minSplit) {
				f.AddPage()
				if t.header {
					d.tableHeader(t)
				}
				continue
			}
			end := min(n, start+fit)
			x := marginLeft
			for i, c := range t.cols {
				for k := start; k < end && k < len(lines[i]); k++ {
					l := lines[i][k]
					d.setStyle(l.style)
					f.SetXY(x, y+rowPadding+float64(k-start)*lineHeight)
					f.CellFormat(c.width, lineHeight, l.text, "", 0, c.align, false, 0, "")
				}
				x += c.width
			}
			bottom := y + 2*rowPadding + float64(end-start)*lineHeight
			if t.rules {
				f.SetDrawColor(210, 210, 210)
				f.Line(marginLeft, bottom, marginLeft+contentWidth, bottom)
			}
			f.SetXY(marginLeft, bottom)
			start = end
		}
	}
	d.setStyle(plain)
}

// fields writes a document's labelled values, labels in bold.
func (d *pdfDoc) fields(fs []field) {
	t := table{cols: []column{{width: 48, align: "L"}, {width: contentWidth - 48, align: "L"}}}
	rows := make([][]cell, 0, len(fs))
	for _, f := range fs {
		rows = append(rows, []cell{boldCell(f.Label), plainCell(f.Value)})
	}
	d.table(t, rows)
}

func linesCell(lines []string) cell {
	c := make(cell, 0, len(lines))
	for _, l := range lines {
		c = append(c, para{text: l})
	}
	return c
}

// output writes the finished PDF to w.
func (d *pdfDoc) output(w io.Writer, what string) error {
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("%s: pdf: %w", what, err)
	}
	return nil
}
