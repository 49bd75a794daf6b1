package catalog_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// With text, a part-number hit ranks first, then description hits, the
// shorter description first (ts_rank normalised by length); equal ranks
// go by part number. Without text, everything goes by part number.
func TestSearchRanksPartNumbersThenShortDescriptionsFirst(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	lic := models.LicenseAndSS
	insert(t, db,
		product{part: "D0AACLL", desc: "IBM WebSphere Application Server Network Deployment Processor Value Unit License", category: "Infrastructure", lt: lic},
		product{part: "D0AAALL", desc: "IBM WebSphere Application Server", category: "Infrastructure", lt: lic},
		product{part: "WEBS1LL", desc: "IBM Liberty Core", category: "Infrastructure", lt: lic},
		product{part: "D0AA9LL", desc: "IBM WebSphere Application Server", category: "Infrastructure", lt: lic},
		product{part: "D0ZZZLL", desc: "IBM MQ Advanced", category: "Infrastructure", lt: lic},
	)
	p := search(t, db, catalog.Query{Text: "webs", Currency: "USD", PriceLevel: "E"})
	want := []string{"WEBS1LL", "D0AA9LL", "D0AAALL", "D0AACLL"}
	if got := parts(p.Items); !slices.Equal(got, want) {
		t.Fatalf("q=webs: %v, want %v", got, want)
	}
	r := func(i int) float64 { return p.Items[i].Rank }
	if !(r(0) > r(1) && r(1) == r(2) && r(2) > r(3) && r(3) > 0) {
		t.Errorf("ranks %v %v %v %v: want part-number hit > equal short descriptions > long", r(0), r(1), r(2), r(3))
	}
	all := search(t, db, catalog.Query{})
	if got := parts(all.Items); !slices.Equal(got, []string{"D0AA9LL", "D0AAALL", "D0AACLL", "D0ZZZLL", "WEBS1LL"}) {
		t.Errorf("no text: %v, want by part number", got)
	}
	for _, it := range all.Items {
		if it.Rank != 0 {
			t.Errorf("no text: %s has rank %v", it.PartNumber, it.Rank)
		}
	}
}
