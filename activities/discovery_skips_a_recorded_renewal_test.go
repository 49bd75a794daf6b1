package activities_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/discovery"
)

// A (site, end date) whose renewal has written its row is never found
// again, whatever its status; the same site's coverage ending another day,
// and the other sites, still are, each once, in (end date, site) order.
func TestDiscoverySkipsARecordedRenewal(t *testing.T) {
	db := testenv.DB(t)
	today := utcToday()
	// Ten sites, each with coverage of three products ending on site i's
	// day today+i; sites 7000001 and 7000002 also end on today+5.
	k := book{Sites: 10, Products: 3, Days: 10, First: today}
	k.insert(t, db)
	if err := db.Exec(`UPDATE coverages SET end_date = CAST(? AS date)
		WHERE site_id IN (SELECT id FROM sites WHERE site_number IN ('7000001', '7000002'))
		  AND product_id = (SELECT id FROM products WHERE part_number = 'BULK0003')`, today.AddDate(0, 0, 5).Format(discovery.DateLayout)).Error; err != nil {
		t.Fatal(err)
	}
	// Site 7000001's renewal due today has ended (lapsed); site 7000005's
	// (due today+4) runs.
	recordRenewals(t, db, today, today)
	if err := db.Exec(`UPDATE renewals SET status = 'lapsed'`).Error; err != nil {
		t.Fatal(err)
	}
	recordRenewals(t, db, today.AddDate(0, 0, 4), today.AddDate(0, 0, 4))

	d := &activities.Discovery{Deps: activities.Deps{DB: db}}
	got, _, err := findAll(context.Background(), d, today, today.AddDate(0, 0, 30), 3)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, due := range got {
		found = append(found, due.SiteNumber+"@"+due.DueDate.Sub(today).String())
	}
	want := []string{"7000002@24h0m0s", "7000003@48h0m0s", "7000004@72h0m0s", "7000001@120h0m0s", "7000002@120h0m0s",
		"7000006@120h0m0s", "7000007@144h0m0s", "7000008@168h0m0s", "7000009@192h0m0s", "7000010@216h0m0s"}
	if strings.Join(found, " ") != strings.Join(want, " ") {
		t.Fatalf("found %v, want %v", found, want)
	}
}
