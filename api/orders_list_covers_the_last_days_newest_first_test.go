package api_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// orderListPage is a page of GET /v1/sites/:site/orders.
type orderListPage struct {
	Orders []struct {
		Reference string    `json:"reference"`
		OrderedAt time.Time `json:"ordered_at"`
	} `json:"orders"`
	Days          int    `json:"days"`
	NextPageToken string `json:"next_page_token"`
}

// TestOrderListCoversTheLastDaysNewestFirst (SPEC G7, docs/api.md): a
// site's orders of the last `days` (30 by default, 1–366), newest first;
// `days` out of range or not a number, and a `page_token` the list did not
// give, are 400s naming the parameter; orders older than `days` and
// another site's orders are not listed; pages of one walk every order
// once, newest first, two orders placed at the same instant included.
func TestOrderListCoversTheLastDaysNewestFirst(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	tok := tokenFor(a, alice)
	list := "/v1/sites/300001/orders"

	for _, d := range []string{"0", "367", "-1", "abc", "1.5", "30d", "99999999999999999999"} {
		r := a.Do("GET", list+"?days="+url.QueryEscape(d), tok, nil)
		if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !namesField(p, "days") {
			t.Errorf("days=%s: the 400 does not name days: %s", d, r.Body)
		}
	}
	for _, pt := range []string{"nope", "1.2.3", "0.1", "-5.1", "zz.0", "."} {
		r := a.Do("GET", list+"?page_token="+url.QueryEscape(pt), tok, nil)
		if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !namesField(p, "page_token") {
			t.Errorf("page_token=%s: the 400 does not name page_token: %s", pt, r.Body)
		}
	}

	now := time.Now().UTC().Truncate(time.Microsecond)
	at := func(ago time.Duration) string {
		ref, _ := orderFixtureAt(t, db, "300001", models.OrderCompleted, now.Add(-ago))
		return ref
	}
	// Made out of order, two at the same instant.
	tenDays := at(10 * 24 * time.Hour)
	hour := at(time.Hour)
	fortyDays := at(40 * 24 * time.Hour)
	twoDaysA := at(48 * time.Hour)
	twoDaysB := at(48 * time.Hour)
	yearAgo := at(400 * 24 * time.Hour)
	orderFixtureAt(t, db, "300002", models.OrderCompleted, now.Add(-time.Minute))
	// Newest first; at the same instant, the later-made (higher id) first.
	newestFirst := []string{hour, twoDaysB, twoDaysA, tenDays, fortyDays}

	refs := func(path string) ([]string, orderListPage) {
		t.Helper()
		r := a.Do("GET", path, tok, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
		}
		var p orderListPage
		r.JSON(t, &p)
		out := []string{}
		for _, o := range p.Orders {
			out = append(out, o.Reference)
		}
		return out, p
	}
	for _, c := range []struct {
		query string
		want  []string
		days  int
	}{
		{"", newestFirst[:4], 30},
		{"?days=1", newestFirst[:1], 1},
		{"?days=5", newestFirst[:3], 5},
		{"?days=366", newestFirst, 366},
	} {
		got, p := refs(list + c.query)
		if !slices.Equal(got, c.want) || p.Days != c.days {
			t.Errorf("GET %s = %v (days %d), want %v (days %d)", list+c.query, got, p.Days, c.want, c.days)
		}
		if p.NextPageToken != "" {
			t.Errorf("GET %s: a next page after the last order", list+c.query)
		}
	}
	if got, _ := refs(list + "?days=366"); slices.Contains(got, yearAgo) {
		t.Errorf("an order of 400 days ago is listed in the last 366 days")
	}

	var walked []string
	path := list + "?days=366&limit=1"
	for pages := 0; ; pages++ {
		if pages > len(newestFirst) {
			t.Fatalf("more pages than orders: %v", walked)
		}
		got, p := refs(path)
		if len(got) != 1 {
			t.Fatalf("GET %s: %d orders on a page of one", path, len(got))
		}
		walked = append(walked, got...)
		if p.NextPageToken == "" {
			break
		}
		path = list + "?days=366&limit=1&page_token=" + url.QueryEscape(p.NextPageToken)
	}
	if !slices.Equal(walked, newestFirst) {
		t.Errorf("pages of one walked %v, want %v", walked, newestFirst)
	}
}
