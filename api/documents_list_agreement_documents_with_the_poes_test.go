package api_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// documentListEntry is an entry of GET /v1/sites/:site/documents.
type documentListEntry struct {
	ID             int64             `json:"id"`
	Number         string            `json:"number"`
	Kind           string            `json:"kind"`
	Title          string            `json:"title"`
	Version        string            `json:"version"`
	OrderReference string            `json:"order_reference"`
	IssuedAt       time.Time         `json:"issued_at"`
	Links          map[string]string `json:"links"`
}

// siteDocuments reads every page of a site's documents as who, limit a
// page.
func siteDocuments(t *testing.T, a *testenv.App, site, who string, limit int) []documentListEntry {
	t.Helper()
	var all []documentListEntry
	token := ""
	for pages := 0; pages < 100; pages++ {
		p := "/v1/sites/" + site + "/documents?limit=" + strconv.Itoa(limit)
		if token != "" {
			p += "&page_token=" + token
		}
		r := a.Do("GET", p, tokenFor(a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s as %s = %d %s", p, who, r.Status, r.Body)
		}
		var v struct {
			Documents []documentListEntry `json:"documents"`
			Next      string              `json:"next_page_token"`
		}
		r.JSON(t, &v)
		if len(v.Documents) > limit {
			t.Fatalf("GET %s: %d documents on a page", p, len(v.Documents))
		}
		all = append(all, v.Documents...)
		if token = v.Next; token == "" {
			return all
		}
	}
	t.Fatalf("the documents of %s do not end", site)
	return nil
}

func documentNumbers(ds []documentListEntry) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.Number)
	}
	return out
}

// TestDocumentsListAgreementDocumentsWithThePoEs (B4 tool 7, G8): a
// site's documents are its Proofs of Entitlement and its agreement's
// documents in one list, newest first, paged one at a time without a
// document missed or repeated; each links to itself (an agreement
// document by its number, a PoE by its id, with its order). Every site of
// the agreement lists the agreement's documents (heidi on 300002), no
// other customer's (budi on 300101), and the Express customer's site its
// own terms. Loading the demo data again adds no document.
func TestDocumentsListAgreementDocumentsWithThePoEs(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	ref, poe := orderFixture(t, db, "300001", models.OrderCompleted)
	_, other := orderFixture(t, db, "300002", models.OrderCompleted)
	agreement := []string{"AGR-2000001-003", "AGR-2000001-002", "AGR-2000001-001"} // newest first

	paged := siteDocuments(t, a, "300001", henry, 1)
	whole := siteDocuments(t, a, "300001", henry, 50)
	poeNumber := column(t, db, "SELECT number FROM documents WHERE id = "+strconv.FormatInt(poe, 10))[0]
	if want := append([]string{poeNumber}, agreement...); !slices.Equal(documentNumbers(paged), want) || !slices.Equal(documentNumbers(whole), want) {
		t.Fatalf("300001's documents: one a page %v, all at once %v, want %v", documentNumbers(paged), documentNumbers(whole), want)
	}
	for i := 1; i < len(whole); i++ {
		if whole[i].IssuedAt.After(whole[i-1].IssuedAt) {
			t.Errorf("%s is listed after %s but issued later", whole[i].Number, whole[i-1].Number)
		}
	}
	p := whole[0]
	if p.Kind != "proof_of_entitlement" || p.ID != poe || p.OrderReference != ref ||
		p.Links["self"] != "/v1/documents/"+strconv.FormatInt(poe, 10) || p.Links["order"] != "/v1/orders/"+ref {
		t.Errorf("the PoE is listed as %+v", p)
	}
	g := whole[3]
	if g.Kind != "agreement" || g.Title != "Passport Advantage Agreement" || g.Version == "" || g.ID != 0 || g.OrderReference != "" ||
		g.Links["self"] != "/v1/documents/AGR-2000001-001" || g.Links["order"] != "" {
		t.Errorf("the agreement is listed as %+v", g)
	}
	if kinds := []string{whole[1].Kind, whole[2].Kind}; !slices.Equal(kinds, []string{"transaction_document", "attachment"}) {
		t.Errorf("kinds of the enrolment and the attachment: %v", kinds)
	}

	if _, err := seed.Load(context.Background(), db, time.Now().AddDate(0, 0, 3)); err != nil {
		t.Fatalf("second seed load: %v", err)
	}
	if again := siteDocuments(t, a, "300001", henry, 50); !slices.Equal(documentNumbers(again), documentNumbers(whole)) ||
		!again[3].IssuedAt.Equal(whole[3].IssuedAt) {
		t.Errorf("after a second seed load 300001's documents are %v, were %v", documentNumbers(again), documentNumbers(whole))
	}

	otherNumber := column(t, db, "SELECT number FROM documents WHERE id = "+strconv.FormatInt(other, 10))[0]
	for _, c := range []struct {
		site, who string
		want      []string
	}{
		{"300002", heidi, append([]string{otherNumber}, agreement...)},
		{"300101", budi, []string{"AGR-2000002-003", "AGR-2000002-002", "AGR-2000002-001"}},
		{"400001", "made@kopikita.example.com", []string{"AGR-1000005-001"}},
	} {
		if got := documentNumbers(siteDocuments(t, a, c.site, c.who, 2)); !slices.Equal(got, c.want) {
			t.Errorf("%s's documents as %s: %v, want %v", c.site, c.who, got, c.want)
		}
	}
}
