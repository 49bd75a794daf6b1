// Package catalog is the product catalog of SPEC E1, read in the context of
// a site: free-text search over part number and description, filters by
// category and licence type, keyset pagination with an opaque page token,
// and each item's price in the site's currency at its price level (or
// "price on request" where there is none). It also answers whom a customer
// should contact when nothing matches (F22), and the pricing lookups the
// quotes and the cart share (SitePricing, Prices).
//
// Ranking: with text, items come by ts_rank over the generated tsvector
// (part number weighted above description, length-normalised) and then by
// part number; without text, by part number. The page token is the
// base64url of a small JSON keyset (the last item's rank and part number)
// bound to the query it was issued for, so each page is one index-backed
// statement and the pages of one query neither repeat nor skip an item.
package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Bounds of a query.
const (
	DefaultLimit   = 20
	MaxLimit       = 100
	MaxTextLen     = 200 // characters
	MaxTerms       = 16  // words of free text
	MaxCategoryLen = 100 // characters
)

// Query is one catalog search. Currency and PriceLevel price the items
// (SitePricing gives a site's); Limit 0 is DefaultLimit.
type Query struct {
	Text        string
	Category    string
	LicenseType models.LicenseType
	PageToken   string
	Limit       int
	Currency    string
	PriceLevel  string
}

// Item is one product of a page with its price for the query's currency
// and level; Price is nil and PriceOnRequest true when it has none there
// (a quote is needed).
type Item struct {
	ProductID      int64
	PartNumber     string
	Description    string
	Category       string
	LicenseType    models.LicenseType
	Price          *models.Money
	PriceOnRequest bool
	Rank           float64 // ts_rank with text, 0 without
}

// Page is one page of results; NextPageToken is empty on the last page.
type Page struct {
	Items         []Item
	NextPageToken string
}

// FieldError is a query the catalog refuses, naming the parameter (q,
// category, license_type, page_token, limit).
type FieldError struct {
	Field  string
	Detail string
}

func (e *FieldError) Error() string { return "catalog: " + e.Field + ": " + e.Detail }

// ErrSiteNotFound: SitePricing or Contacts on a site that does not exist.
var ErrSiteNotFound = errors.New("site not found")

// search is a validated Query.
type search struct {
	tsquery     string // "" without text
	category    string
	licenseType models.LicenseType
	limit       int
	after       *keyset
	currency    string
	level       string
}

// validate checks q and decodes its page token.
func validate(q Query) (search, error) {
	s := search{category: q.Category, licenseType: q.LicenseType, limit: q.Limit, currency: q.Currency, level: q.PriceLevel}
	if err := checkText("q", q.Text, MaxTextLen); err != nil {
		return search{}, err
	}
	terms := words(q.Text)
	if len(terms) > MaxTerms {
		return search{}, &FieldError{Field: "q", Detail: fmt.Sprintf("must have at most %d words", MaxTerms)}
	}
	s.tsquery = prefixQuery(terms)
	if err := checkText("category", q.Category, MaxCategoryLen); err != nil {
		return search{}, err
	}
	if q.LicenseType != "" && !q.LicenseType.Valid() {
		return search{}, &FieldError{Field: "license_type", Detail: "must be one of " + licenseTypeList()}
	}
	switch {
	case q.Limit == 0:
		s.limit = DefaultLimit
	case q.Limit < 1 || q.Limit > MaxLimit:
		return search{}, &FieldError{Field: "limit", Detail: fmt.Sprintf("must be an integer from 1 to %d", MaxLimit)}
	}
	if q.PageToken != "" {
		k, err := decodeToken(q.PageToken, s.key(), s.tsquery != "")
		if err != nil {
			return search{}, err
		}
		s.after = &k
	}
	return s, nil
}

// checkText refuses text that is not valid UTF-8, carries control
// characters or is longer than max characters.
func checkText(field, v string, max int) error {
	switch {
	case !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl):
		return &FieldError{Field: field, Detail: "must be valid UTF-8 text without control characters"}
	case utf8.RuneCountInString(v) > max:
		return &FieldError{Field: field, Detail: fmt.Sprintf("must be at most %d characters", max)}
	}
	return nil
}

func licenseTypeList() string {
	names := make([]string, 0, len(models.LicenseTypes))
	for _, t := range models.LicenseTypes {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}

// words splits free text as the products.search column does (migration
// 00006): lower case, every run of characters that are neither letters nor
// digits separates words.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// prefixQuery is the tsquery text that matches items holding, for every
// word, a word that starts with it: 'websph':* & 'mq':*. Words are letters
// and digits only, so quoting them is enough.
func prefixQuery(terms []string) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		parts = append(parts, "'"+t+"':*")
	}
	return strings.Join(parts, " & ")
}

// Search answers one page of q.
func Search(ctx context.Context, db *gorm.DB, q Query) (Page, error) {
	s, err := validate(q)
	if err != nil {
		return Page{}, err
	}
	sql, args := s.statement()
	var rows []struct {
		ID          int64
		PartNumber  string
		Description string
		Category    string
		LicenseType models.LicenseType
		Rank        float64
		UnitMinor   *int64
	}
	err = planned(ctx, db, func(tx *gorm.DB) error { return tx.Raw(sql, args...).Scan(&rows).Error })
	if err != nil {
		return Page{}, fmt.Errorf("search the catalog: %w", err)
	}
	var page Page
	if len(rows) > s.limit {
		rows = rows[:s.limit]
		last := rows[len(rows)-1]
		page.NextPageToken = encodeToken(s.key(), keyset{Rank: last.Rank, PartNumber: last.PartNumber}, s.tsquery != "")
	}
	page.Items = make([]Item, 0, len(rows))
	for _, r := range rows {
		it := Item{ProductID: r.ID, PartNumber: r.PartNumber, Description: r.Description, Category: r.Category,
			LicenseType: r.LicenseType, Rank: r.Rank, PriceOnRequest: r.UnitMinor == nil}
		if r.UnitMinor != nil {
			it.Price = &models.Money{Minor: *r.UnitMinor, Currency: s.currency}
		}
		page.Items = append(page.Items, it)
	}
	return page, nil
}

// randomPageCost is the planner's cost of a random page read the search
// runs with: 1.1, the usual figure for SSDs and for a catalog that lives in
// memory, instead of PostgreSQL's default 4, which models spinning disks.
// With 4, a prefix that matches one product in twenty ("websph" on
// 100,000 products) already costs more through the GIN index than by
// reading the whole table, so the planner scans products sequentially;
// with 1.1 it takes the index until a word matches most of the catalog
// (then ranking most rows costs the same either way, and it scans).
const randomPageCost = "1.1"

// planned runs fn in a read-only transaction with the search's planner
// costs (SET LOCAL: they end with the transaction).
func planned(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL random_page_cost = " + randomPageCost).Error; err != nil {
			return fmt.Errorf("planner costs: %w", err)
		}
		return fn(tx)
	}, &sql.TxOptions{ReadOnly: true})
}

// rankExpr is the rank of a product for the query ($tsquery): ts_rank with
// normalisation 1 (divided by 1 + log of the document length, so a short
// description that matches ranks above a long one), widened to float8 so
// the value in a page token compares exactly.
const rankExpr = "ts_rank(p.search, to_tsquery('simple', ?), 1)::float8"

// statement is the SQL of one page: the products of the page (limit + 1,
// to know whether another follows) in the page order, each with its price
// row for the currency and level if there is one. With text and a page
// token, the rank is computed once per match below an OFFSET 0 fence and
// the keyset compares that column (else the planner would compute ts_rank
// again for the condition).
func (s search) statement() (string, []any) {
	var (
		where []string
		args  []any
		rank  = "0::float8"
	)
	if s.tsquery != "" {
		rank = rankExpr
		args = append(args, s.tsquery) // the rank in the select list
		where = append(where, "p.search @@ to_tsquery('simple', ?)")
		args = append(args, s.tsquery)
	}
	if s.category != "" {
		where = append(where, "p.category = ?")
		args = append(args, s.category)
	}
	if s.licenseType != "" {
		where = append(where, "p.license_type = ?")
		args = append(args, string(s.licenseType))
	}
	if s.after != nil && s.tsquery == "" {
		where = append(where, "p.part_number > ?")
		args = append(args, s.after.PartNumber)
	}
	matches := "SELECT p.id, p.part_number, p.description, p.category, p.license_type, " + rank + " AS rank\n\tFROM products p"
	if len(where) > 0 {
		matches += "\n\tWHERE " + strings.Join(where, " AND ")
	}
	var page string
	switch {
	case s.tsquery == "":
		page = matches + "\n\tORDER BY p.part_number LIMIT ?"
	case s.after == nil:
		page = matches + "\n\tORDER BY rank DESC, p.part_number LIMIT ?"
	default:
		page = "SELECT * FROM (" + matches + " OFFSET 0) m\n\tWHERE m.rank < ? OR (m.rank = ? AND m.part_number > ?)" +
			"\n\tORDER BY m.rank DESC, m.part_number LIMIT ?"
		args = append(args, s.after.Rank, s.after.Rank, s.after.PartNumber)
	}
	sql := `SELECT page.id, page.part_number, page.description, page.category, page.license_type, page.rank, pr.unit_minor
FROM (
	` + page + `
) page
LEFT JOIN prices pr ON pr.product_id = page.id AND pr.currency = ? AND pr.price_level = ?
ORDER BY page.rank DESC, page.part_number`
	return sql, append(args, s.limit+1, s.currency, s.level)
}
