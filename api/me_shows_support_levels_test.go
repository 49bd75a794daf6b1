package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// TestMeShowsSupportLevelPerAccount: /v1/me lists the caller's support
// level on each account they belong to, the STC as administrator.
func TestMeShowsSupportLevelPerAccount(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	type support struct {
		CustomerNumber string `json:"customer_number"`
		Level          string `json:"support_level"`
		STC            bool   `json:"site_technical_contact"`
	}
	cases := map[string][]support{
		"carol@acme.example.com":     {{"1000001", "administrator", true}},
		"dave@acme.example.com":      {{"1000001", "basic", false}},
		"erin@acme.example.com":      {{"1000001", "none", false}},
		"frank@newcomer.example.com": {},
	}
	for who, want := range cases {
		r := a.Do("GET", "/v1/me", a.Token(who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: /v1/me = %d %s", who, r.Status, r.Body)
		}
		var me struct{ Support []support }
		r.JSON(t, &me)
		if !slices.Equal(me.Support, want) {
			t.Errorf("%s: support = %+v, want %+v", who, me.Support, want)
		}
	}
}
