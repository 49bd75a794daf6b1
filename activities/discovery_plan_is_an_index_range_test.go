package activities_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/discovery"
)

// planNode is a node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	IndexName string     `json:"Index Name"`
	IndexCond string     `json:"Index Cond"`
	Plans     []planNode `json:"Plans"`
}

func (n planNode) walk(f func(planNode)) {
	f(n)
	for _, c := range n.Plans {
		c.walk(f)
	}
}

// Discovery's read of coverage is an index range on coverages_end_site_idx
// (end_date, site_id), bounded by the window and the cursor in its Index
// Cond, never a scan of the table: over 200,000 coverage rows across
// 20,000 sites and three years of end dates (vacuumed and analyzed, as
// autovacuum leaves a settled table), for the first page of a 121-day
// window, for a page in its middle and for a one-day window, the plan
// reads coverages by an Index (Only) Scan on that index with end_date in
// its Index Cond and has no Seq Scan (nor Bitmap scan) of coverages.
func TestDiscoveryPlanIsAnIndexRange(t *testing.T) {
	db := testenv.DB(t)
	today := utcToday()
	k := book{Sites: 20_000, Products: 10, Days: 3 * 365, First: today.AddDate(0, 0, -365)}
	k.insert(t, db)
	recordRenewals(t, db, today, today.AddDate(0, 0, 30))
	mid := discovery.Cursor{EndDate: today.AddDate(0, 0, 60), SiteID: 10_000}
	pages := map[string]discovery.Page{
		"first page": {From: today, To: today.AddDate(0, 0, 121), Limit: discovery.DefaultPageSize},
		"mid-window": {From: today, To: today.AddDate(0, 0, 121), After: &mid, Limit: discovery.DefaultPageSize},
		"one day":    {From: today.AddDate(0, 0, 121), To: today.AddDate(0, 0, 121), Limit: discovery.DefaultPageSize},
	}
	for name, p := range pages {
		t.Run(name, func(t *testing.T) {
			var out []string
			if err := db.Raw("EXPLAIN (FORMAT JSON) "+activities.DueRenewalsSQL, activities.DueRenewalsArgs(p, p.After, p.Limit)).Scan(&out).Error; err != nil {
				t.Fatal(err)
			}
			var plans []struct{ Plan planNode }
			if len(out) != 1 || json.Unmarshal([]byte(out[0]), &plans) != nil || len(plans) != 1 {
				t.Fatalf("EXPLAIN output = %q", out)
			}
			ranged := false
			plans[0].Plan.walk(func(n planNode) {
				if n.Relation != "coverages" {
					return
				}
				switch n.NodeType {
				case "Index Scan", "Index Only Scan":
					if n.IndexName == "coverages_end_site_idx" && strings.Contains(n.IndexCond, "end_date") {
						ranged = true
					}
				default:
					t.Errorf("coverages read by a %s (%s)", n.NodeType, n.IndexName)
				}
			})
			if !ranged {
				t.Errorf("no index range on coverages_end_site_idx with end_date in its Index Cond")
			}
			if t.Failed() {
				t.Logf("plan: %s", out[0])
			}
		})
	}
}
