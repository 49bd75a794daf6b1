package metrics_test

import (
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestAFailingSourceLeavesTheOtherGauges: when one table cannot be read,
// the scrape still succeeds: that source reports
// pao_read_model_scrape_ok 0 and no gauges, the others report as usual.
func TestAFailingSourceLeavesTheOtherGauges(t *testing.T) {
	db := testenv.DB(t)
	exec(t, db, `DROP TABLE renewals`)
	fams := newScraper(t, db).scrape()
	if ok, present := fams.Value("pao_read_model_scrape_ok", "source", "renewals"); !present || ok != 0 {
		t.Errorf(`pao_read_model_scrape_ok{source="renewals"} = %v (present %v), want 0`, ok, present)
	}
	if _, present := fams["pao_renewals"]; present {
		t.Error("pao_renewals reported from a table that is gone")
	}
	if ok, _ := fams.Value("pao_read_model_scrape_ok", "source", "orders"); ok != 1 {
		t.Errorf(`pao_read_model_scrape_ok{source="orders"} = %v, want 1`, ok)
	}
	if n := len(fams["pao_orders"].GetMetric()); n == 0 {
		t.Error("pao_orders missing because another source failed")
	}
}
