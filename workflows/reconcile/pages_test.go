package reconcile_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pao/pao/workflows/reconcile"
)

// A pass asks for page after page, each after the cursor the previous one
// returned, until the last page, and sums what the pages did; a zero input
// means the default grace and page size.
func TestAPassFollowsTheCursorToTheLastPage(t *testing.T) {
	results := map[string]reconcile.PageResult{
		"":                    {Checked: 100, Closed: 2, Next: "nomination/300001/7"},
		"nomination/300001/7": {Checked: 100, Closed: 0, Failed: 1, Next: "nomination/300002/9"},
		"nomination/300002/9": {Checked: 3, Closed: 1, Next: "support-access/1000001/4", Last: true},
	}
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) {
		r, ok := results[a.Page.After]
		if !ok {
			return r, fmt.Errorf("unexpected cursor %q", a.Page.After)
		}
		return r, nil
	})
	res, err := h.run(t, reconcile.Input{})
	if err != nil {
		t.Fatal(err)
	}
	want := reconcile.Result{Pages: 3, Checked: 203, Closed: 3, Failed: 1}
	if res != want {
		t.Fatalf("result = %+v, want %+v", res, want)
	}
	var cursors []string
	for _, a := range h.pages.all() {
		if a.Page.Limit != reconcile.DefaultPageSize || a.Page.Grace != reconcile.DefaultGrace {
			t.Errorf("page %+v, want the default limit and grace", a.Page)
		}
		cursors = append(cursors, a.Page.After)
	}
	if fmt.Sprint(cursors) != fmt.Sprint([]string{"", "nomination/300001/7", "nomination/300002/9"}) {
		t.Fatalf("cursors = %q", cursors)
	}
}

// An input's grace and page size reach every page.
func TestAPassPassesItsGraceAndPageSize(t *testing.T) {
	h := newHarness(t, func(a attempt) (reconcile.PageResult, error) { return reconcile.PageResult{Last: true}, nil })
	if _, err := h.run(t, reconcile.Input{Grace: 7 * time.Minute, PageSize: 5}); err != nil {
		t.Fatal(err)
	}
	if got := h.pages.all(); len(got) != 1 || got[0].Page.Limit != 5 || got[0].Page.Grace != 7*time.Minute {
		t.Fatalf("pages = %+v", got)
	}
}
