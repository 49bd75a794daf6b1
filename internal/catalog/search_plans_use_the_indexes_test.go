package catalog_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// planNode is a node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	Plans        []planNode `json:"Plans"`
}

// scans lists "Node Type on relation [index]" for every node of the plan
// that reads a relation.
func (n planNode) scans() []string {
	var out []string
	if n.RelationName != "" {
		out = append(out, strings.TrimSpace(n.NodeType+" on "+n.RelationName+" "+n.IndexName))
	}
	if n.IndexName != "" && n.RelationName == "" { // Bitmap Index Scan names only its index
		out = append(out, n.NodeType+" "+n.IndexName)
	}
	for _, c := range n.Plans {
		out = append(out, c.scans()...)
	}
	return out
}

func explain(t *testing.T, db *gorm.DB, q catalog.Query) []string {
	t.Helper()
	raw, err := catalog.Explain(ctx, db, q)
	if err != nil {
		t.Fatalf("explain %+v: %v", q, err)
	}
	var plans []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(raw), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("explain %+v: %v %s", q, err, raw)
	}
	return plans[0].Plan.scans()
}

// On 100,000 products, every search shape (text, category, licence type,
// their combinations, browsing, and the pages after the first) reads
// products through an index, never sequentially: text through the GIN
// index of products.search, and each item's price through the primary key
// of prices.
func TestSearchPlansUseTheIndexes(t *testing.T) {
	t.Parallel()
	db := bigCatalog(t)
	shapes := []struct {
		name  string
		q     catalog.Query
		index string // an index the plan must use on products
	}{
		{"text prefix", catalog.Query{Text: "websph"}, "products_search_idx"},
		{"two words", catalog.Query{Text: "db2 adv"}, "products_search_idx"},
		{"part number prefix", catalog.Query{Text: "D0A"}, "products_search_idx"},
		{"word in one product in six", catalog.Query{Text: "serv"}, "products_search_idx"},
		{"text and category", catalog.Query{Text: "cloud pak", Category: "Data & AI"}, "products_search_idx"},
		{"text and licence type", catalog.Query{Text: "maximo", LicenseType: models.SSRenewal}, "products_search_idx"},
		{"category", catalog.Query{Category: "Sustainability"}, "products_category"},
		{"large category", catalog.Query{Category: "Data & AI"}, "products_"},
		{"licence type", catalog.Query{LicenseType: models.SSReinstatement}, "products_"},
		{"category and licence type", catalog.Query{Category: "Storage", LicenseType: models.LicenseTypeMedia}, "products_category_license_part_idx"},
		{"browse", catalog.Query{}, "products_part_number_key"},
	}
	for _, s := range shapes {
		s.q.Limit, s.q.Currency, s.q.PriceLevel = 20, "USD", "E"
		first := search(t, db, s.q)
		if len(first.Items) == 0 || first.NextPageToken == "" {
			t.Errorf("%s: %d items and no next page on 100,000 products", s.name, len(first.Items))
			continue
		}
		next := s.q
		next.PageToken = first.NextPageToken
		for page, q := range []catalog.Query{s.q, next} {
			scans := explain(t, db, q)
			t.Logf("%s, page %d: %v", s.name, page+1, scans)
			onProducts := slices.DeleteFunc(slices.Clone(scans), func(x string) bool {
				return !strings.Contains(x, " on products") && !strings.Contains(x, " products_")
			})
			for _, x := range scans {
				if strings.HasPrefix(x, "Seq Scan") {
					t.Errorf("%s, page %d: %s", s.name, page+1, x)
				}
			}
			if !slices.ContainsFunc(onProducts, func(x string) bool { return strings.Contains(x, s.index) }) {
				t.Errorf("%s, page %d: products read without an index named %s*: %v", s.name, page+1, s.index, scans)
			}
			if !slices.ContainsFunc(scans, func(x string) bool { return strings.Contains(x, "on prices prices_pkey") }) {
				t.Errorf("%s, page %d: prices not read by their primary key: %v", s.name, page+1, scans)
			}
		}
	}
	// For the record: a word that nearly every product holds ("support":
	// three products in four) is answered from a scan of the table, which
	// the planner rightly prefers when it must rank most rows anyway.
	t.Logf("broad word, page 1: %v", explain(t, db, catalog.Query{Text: "support", Limit: 20, Currency: "USD", PriceLevel: "E"}))
}
