package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

const (
	bob      = "bob@acme.example.com"  // software full on 300001; its Administrative and S&S renewal contact
	dave     = "dave@acme.example.com" // a secondary contact of 300001
	salesRep = "sales@ibm.example.com"
)

// quoteInput is bob's sales quote of 300001 for Db2 and MQ, for the sales
// rep; the products and people are the seed's.
func (f fixture) quoteInput(t *testing.T, number string) quote.Input {
	t.Helper()
	item := func(part string, qty int64) models.QuoteItem {
		var p models.Product
		if err := f.db.Where("part_number = ?", part).Take(&p).Error; err != nil {
			t.Fatal(err)
		}
		return models.QuoteItem{ProductID: p.ID, PartNumber: part, Description: p.Description, Quantity: qty}
	}
	return quote.Input{
		QuoteNumber: number, Kind: models.QuoteSales, SiteID: f.siteID(t, "300001"), SiteNumber: "300001",
		CustomerID: f.customerID(t, "1000001"), CustomerNumber: "1000001", Currency: "USD",
		Requester: &quote.Person{ID: f.userID(t, bob), Email: bob, Name: "Bob Baker"},
		Rep:       quote.Person{ID: f.userID(t, salesRep), Email: salesRep},
		Note:      "for Austin", Lines: []models.QuoteItem{item("D0R4ZLL", 4), item("E0MQ2LL", 100)},
		Timers: quote.DefaultTimers(),
	}
}

// version prices items at unit (USD minor units each) with no discount.
func version(t *testing.T, n int, at time.Time, items []models.QuoteItem, unit int64) quote.Version {
	t.Helper()
	units := make([]models.Money, len(items))
	discounts := make([]int, len(items))
	for i := range items {
		units[i] = models.Money{Minor: unit, Currency: "USD"}
	}
	lines, total, err := models.PriceLines("USD", items, units, discounts)
	if err != nil {
		t.Fatal(err)
	}
	return quote.Version{Number: n, Lines: lines, Total: total, ValidUntil: at.Add(30 * 24 * time.Hour), IssuedBy: salesRep, IssuedAt: at}
}

// quoteStatus is the quote's status and current version in Postgres.
func (f fixture) quoteStatus(t *testing.T, number string) (out struct {
	Status         string
	CurrentVersion int
}) {
	f.scan(t, &out, "SELECT status, current_version FROM quotes WHERE quote_number = ?", number)
	return out
}
