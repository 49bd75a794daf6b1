package orders

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/documents"
	"github.com/pao/pao/internal/orders"
)

// Limits of the lists.
const (
	defaultDays  = 30
	maxDays      = 366
	defaultLimit = 50
	maxLimit     = 200
)

// GET /v1/orders/:ref: the order (G6, G7).
func (h *Handlers) get(c *gin.Context) error {
	v, err := orders.Load(c, h.DB, api.Loaded[orders.Head](c).Reference)
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, v)
}

// GET /v1/orders/:ref/confirmation: the printable confirmation (G6), as
// HTML, or as PDF when the client accepts application/pdf (and not HTML).
func (h *Handlers) confirmation(c *gin.Context) error {
	if c.NegotiateFormat("text/html", "application/pdf") == "application/pdf" {
		return h.confirmationPDF(c)
	}
	v, err := orders.Load(c, h.DB, api.Loaded[orders.Head](c).Reference)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := documents.ConfirmationHTML(&buf, v); err != nil {
		return fmt.Errorf("render confirmation: %w", err)
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// GET /v1/orders/:ref/confirmation.pdf: the confirmation as PDF.
func (h *Handlers) confirmationPDF(c *gin.Context) error {
	v, err := orders.Load(c, h.DB, api.Loaded[orders.Head](c).Reference)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := documents.ConfirmationPDF(&buf, v); err != nil {
		return fmt.Errorf("render confirmation PDF: %w", err)
	}
	c.Header("Content-Disposition", `inline; filename="`+v.Reference+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	return nil
}

// GET /v1/sites/:site/orders?days=&limit=&page_token= (G7): the site's
// orders of the last days (30 by default, at most 366), newest first.
func (h *Handlers) list(c *gin.Context) error {
	days, err := api.IntQuery(c, "days", defaultDays, 1, maxDays)
	if err != nil {
		return err
	}
	limit, err := api.IntQuery(c, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	after, err := pageToken(c)
	if err != nil {
		return err
	}
	since := time.Now().UTC().AddDate(0, 0, -days)
	rows, next, err := orders.List(c, h.DB, api.SiteOf(c).Site.ID, since, after, limit)
	if err != nil {
		return err
	}
	resp := gin.H{"orders": rows, "days": days}
	if next != nil {
		resp["next_page_token"] = encodeCursor(*next)
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// GET /v1/sites/:site/documents?limit=&page_token= (G8, B4 tool 7): the
// site's documents, newest first: the Proofs of Entitlement its orders
// issued and the documents of its agreement, in one list.
func (h *Handlers) listDocuments(c *gin.Context) error {
	limit, err := api.IntQuery(c, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	after, err := documentPageToken(c)
	if err != nil {
		return err
	}
	rows, next, err := orders.Documents(c, h.DB, api.SiteOf(c).Site, after, limit)
	if err != nil {
		return err
	}
	type docView struct {
		orders.DocumentSummary
		Links map[string]string `json:"links"`
	}
	out := make([]docView, 0, len(rows))
	for _, d := range rows {
		links := map[string]string{"self": "/v1/documents/" + d.Number}
		if d.OrderReference != "" {
			links["self"] = "/v1/documents/" + strconv.FormatInt(d.ID, 10)
			links["order"] = "/v1/orders/" + d.OrderReference
		}
		out = append(out, docView{DocumentSummary: d, Links: links})
	}
	resp := gin.H{"documents": out}
	if next != nil {
		resp["next_page_token"] = strconv.FormatInt(next.At.UnixMicro(), 36) + "." + next.Number
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// documentPageToken reads the page token of a site's documents: the last
// document's issue time (microseconds, base 36) and number.
func documentPageToken(c *gin.Context) (*orders.DocumentCursor, error) {
	s := c.Query("page_token")
	if s == "" {
		return nil, nil
	}
	bad := api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	at, number, ok := strings.Cut(s, ".")
	if !ok || len(s) > 60 || !(documentNumberRe.MatchString(number) || agreementDocumentRe.MatchString(number)) {
		return nil, bad
	}
	us, err := strconv.ParseInt(at, 36, 64)
	if err != nil || us <= 0 {
		return nil, bad
	}
	return &orders.DocumentCursor{At: time.UnixMicro(us).UTC(), Number: number}, nil
}

// GET /v1/documents/:id: the document — a Proof of Entitlement or an
// agreement document — as PDF, or as HTML when the client asks for
// text/html, or its content as JSON.
func (h *Handlers) document(c *gin.Context) error {
	if a := api.Loaded[orders.AgreementDocument](c); a.Content.Number != "" {
		return serveDocument(c, a.Content.Number, a.Content,
			func(w *bytes.Buffer) error { return documents.AgreementHTML(w, a.Content) },
			func(w *bytes.Buffer) error { return documents.AgreementPDF(w, a.Content) })
	}
	d := api.Loaded[orders.Document](c)
	return serveDocument(c, d.PoE.Number, d.PoE,
		func(w *bytes.Buffer) error { return documents.PoEHTML(w, d.PoE) },
		func(w *bytes.Buffer) error { return documents.PoEPDF(w, d.PoE) })
}

// serveDocument answers with the document numbered number in the format
// the client accepts: PDF (the default), HTML, or its content as JSON.
func serveDocument(c *gin.Context, number string, content any, html, pdf func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	switch c.NegotiateFormat("application/pdf", "text/html", "application/json") {
	case "text/html":
		if err := html(&buf); err != nil {
			return fmt.Errorf("render document %s: %w", number, err)
		}
		c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	case "application/json":
		c.JSON(http.StatusOK, content)
	default:
		if err := pdf(&buf); err != nil {
			return fmt.Errorf("render document PDF %s: %w", number, err)
		}
		c.Header("Content-Disposition", `inline; filename="`+number+`.pdf"`)
		c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	}
	return nil
}

// encodeCursor writes a page token: the last row's time (microseconds)
// and id, in base 36.
func encodeCursor(cur orders.Cursor) string {
	return strconv.FormatInt(cur.At.UnixMicro(), 36) + "." + strconv.FormatInt(cur.ID, 36)
}

func pageToken(c *gin.Context) (*orders.Cursor, error) {
	s := c.Query("page_token")
	if s == "" {
		return nil, nil
	}
	bad := api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	at, id, ok := strings.Cut(s, ".")
	if !ok || len(s) > 40 {
		return nil, bad
	}
	us, err1 := strconv.ParseInt(at, 36, 64)
	n, err2 := strconv.ParseInt(id, 36, 64)
	if err1 != nil || err2 != nil || us <= 0 || n <= 0 {
		return nil, bad
	}
	return &orders.Cursor{At: time.UnixMicro(us).UTC(), ID: n}, nil
}
