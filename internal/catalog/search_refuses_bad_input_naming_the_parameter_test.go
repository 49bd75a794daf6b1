package catalog_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

func token(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }

// Every bad query is a FieldError naming its parameter, refused before
// any SQL runs; a page token works only with the search that issued it.
func TestSearchRefusesBadInputNamingTheParameter(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	insert(t, db,
		product{part: "D0TK1LL", desc: "IBM Token Test One", category: "Security", lt: models.LicenseAndSS},
		product{part: "D0TK2LL", desc: "IBM Token Test Two", category: "Security", lt: models.LicenseAndSS},
	)
	textPage := search(t, db, catalog.Query{Text: "token", Limit: 1})
	browsePage := search(t, db, catalog.Query{Limit: 1})
	if textPage.NextPageToken == "" || browsePage.NextPageToken == "" {
		t.Fatal("no next page to take tokens from")
	}
	cases := []struct {
		name  string
		q     catalog.Query
		field string
	}{
		{"unknown licence type", catalog.Query{LicenseType: "perpetual"}, "license_type"},
		{"licence type in capitals", catalog.Query{LicenseType: "MEDIA"}, "license_type"},
		{"negative limit", catalog.Query{Limit: -1}, "limit"},
		{"limit over 100", catalog.Query{Limit: 101}, "limit"},
		{"text over 200 characters", catalog.Query{Text: strings.Repeat("ab ", 67)}, "q"},
		{"text of 201 runes", catalog.Query{Text: strings.Repeat("é", 201)}, "q"},
		{"text with a NUL", catalog.Query{Text: "web\x00sphere"}, "q"},
		{"text with a line break", catalog.Query{Text: "web\nsphere"}, "q"},
		{"text of invalid UTF-8", catalog.Query{Text: "web\xffsphere"}, "q"},
		{"text of 17 words", catalog.Query{Text: strings.Repeat("a ", 17)}, "q"},
		{"category with a tab", catalog.Query{Category: "Data\t& AI"}, "category"},
		{"category over 100 characters", catalog.Query{Category: strings.Repeat("x", 101)}, "category"},
		{"token not base64", catalog.Query{PageToken: "not a token!"}, "page_token"},
		{"token padded base64", catalog.Query{PageToken: base64.URLEncoding.EncodeToString([]byte(`{"k":"x","p":"D0TK1LL"}`))}, "page_token"},
		{"token not JSON", catalog.Query{PageToken: token("D0TK1LL")}, "page_token"},
		{"token JSON array", catalog.Query{PageToken: token(`["D0TK1LL"]`)}, "page_token"},
		{"token with an unknown field", catalog.Query{PageToken: token(`{"k":"x","p":"D0TK1LL","admin":true}`)}, "page_token"},
		{"token with trailing data", catalog.Query{PageToken: token(`{"k":"x","p":"D0TK1LL"}{}`)}, "page_token"},
		{"token with a bad part number", catalog.Query{PageToken: token(`{"k":"x","p":"d0tk1ll' OR 1=1"}`)}, "page_token"},
		{"token with a negative rank", catalog.Query{Text: "token", PageToken: token(`{"k":"x","r":-1,"p":"D0TK1LL"}`)}, "page_token"},
		{"token too long", catalog.Query{PageToken: strings.Repeat("A", 300)}, "page_token"},
		{"text token without text", catalog.Query{PageToken: textPage.NextPageToken}, "page_token"},
		{"text token with other text", catalog.Query{Text: "test", PageToken: textPage.NextPageToken}, "page_token"},
		{"text token with a category", catalog.Query{Text: "token", Category: "Security", PageToken: textPage.NextPageToken}, "page_token"},
		{"browse token with text", catalog.Query{Text: "token", PageToken: browsePage.NextPageToken}, "page_token"},
		{"browse token with a licence type", catalog.Query{LicenseType: models.LicenseAndSS, PageToken: browsePage.NextPageToken}, "page_token"},
	}
	for _, c := range cases {
		_, err := catalog.Search(ctx, db, c.q)
		var fe *catalog.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Detail == "" {
			t.Errorf("%s: %v, want a FieldError naming %s", c.name, err, c.field)
		}
	}
	// The tokens work with their own search, also with another limit.
	for _, q := range []catalog.Query{{Text: "token", PageToken: textPage.NextPageToken}, {PageToken: browsePage.NextPageToken, Limit: 5}} {
		if p := search(t, db, q); len(p.Items) != 1 || p.Items[0].PartNumber != "D0TK2LL" {
			t.Errorf("%+v: %+v", q, p.Items)
		}
	}
	// Limits at the bounds, 200 characters and 16 words are fine.
	for _, q := range []catalog.Query{{Limit: 1}, {Limit: 100}, {Text: strings.Repeat("é", 200)}, {Text: strings.Repeat("a ", 16)}} {
		if _, err := catalog.Search(ctx, db, q); err != nil {
			t.Errorf("%+v: %v", q, err)
		}
	}
}
