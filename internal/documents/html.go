package documents

import (
	"embed"
	"fmt"
	"html/template"
	"io"

	"github.com/pao/pao/models"
)

//go:embed templates/*.html.tmpl
var templateFS embed.FS

// pages are the HTML documents: self-contained (inline print stylesheet,
// no scripts, nothing loaded from elsewhere), every value escaped by
// html/template.
var pages = template.Must(template.New("documents").Funcs(template.FuncMap{
	"statement": func() string { return poeStatement },
}).ParseFS(templateFS, "templates/*.html.tmpl"))

// ConfirmationHTML writes the printable order confirmation of o (SPEC G6)
// as an HTML page.
func ConfirmationHTML(w io.Writer, o models.OrderView) error {
	if err := pages.ExecuteTemplate(w, "confirmation", newConfirmation(o)); err != nil {
		return fmt.Errorf("order confirmation %s: %w", o.Reference, err)
	}
	return nil
}

// PoEHTML writes the Proof of Entitlement p (SPEC G8) as an HTML page.
func PoEHTML(w io.Writer, p models.ProofOfEntitlement) error {
	if err := pages.ExecuteTemplate(w, "poe", newPoE(p)); err != nil {
		return fmt.Errorf("proof of entitlement %s: %w", p.Number, err)
	}
	return nil
}
