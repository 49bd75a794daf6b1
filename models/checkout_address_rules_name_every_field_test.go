package models_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

func validAddress() models.Address {
	return models.Address{Name: "Alice Anders", Company: "Acme Corporation", Line1: "1 Congress Ave", City: "Austin",
		Region: "TX", PostalCode: "78701", Country: "US", Email: "ap@acme.example.com", Phone: "+1 (512) 555-0100"}
}

// TestCheckoutAddressRulesNameEveryField (G1): each rule of a billing or
// shipping party refuses what breaks it, naming the field under its
// prefix, and every failure comes at once; valid parties of several
// countries pass, and no detail quotes the input.
func TestCheckoutAddressRulesNameEveryField(t *testing.T) {
	if errs := models.CheckAddress("billing", validAddress()); len(errs) != 0 {
		t.Fatalf("a valid address: %v", errs)
	}
	for _, ok := range []func(a *models.Address){
		func(a *models.Address) { a.Country, a.PostalCode = "GB", "SW1A 1AA" },
		func(a *models.Address) { a.Country, a.PostalCode = "NL", "1012 AB" },
		func(a *models.Address) { a.Country, a.PostalCode = "JP", "100-0001" },
		func(a *models.Address) { a.Country, a.PostalCode = "ID", "10310" },
		func(a *models.Address) { a.Country, a.PostalCode = "HK", "" }, // no postal codes there
		func(a *models.Address) { a.Country, a.PostalCode = "KE", "00100" },
		func(a *models.Address) { a.Line2, a.Region = "", "" },
		func(a *models.Address) { a.Phone = "0812 3456 7890" },
		func(a *models.Address) { a.Name = strings.Repeat("é", 100) },
	} {
		a := validAddress()
		ok(&a)
		if errs := models.CheckAddress("billing", a); len(errs) != 0 {
			t.Errorf("%+v: %v", a, errs)
		}
	}
	for _, tc := range []struct {
		field string
		set   func(a *models.Address)
	}{
		{"name", func(a *models.Address) { a.Name = "" }},
		{"name", func(a *models.Address) { a.Name = "two\nlines" }},
		{"name", func(a *models.Address) { a.Name = "a\u2028b" }},
		{"name", func(a *models.Address) { a.Name = strings.Repeat("a", 101) }},
		{"company", func(a *models.Address) { a.Company = "" }},
		{"line1", func(a *models.Address) { a.Line1 = "tab\there" }},
		{"line2", func(a *models.Address) { a.Line2 = strings.Repeat("b", 101) }},
		{"city", func(a *models.Address) { a.City = strings.Repeat("c", 61) }},
		{"region", func(a *models.Address) { a.Region = "\x7f" }},
		{"country", func(a *models.Address) { a.Country = "" }},
		{"country", func(a *models.Address) { a.Country = "XX" }},
		{"country", func(a *models.Address) { a.Country = "USA" }},
		{"postal_code", func(a *models.Address) { a.PostalCode = "" }},
		{"postal_code", func(a *models.Address) { a.PostalCode = "7870" }},
		{"postal_code", func(a *models.Address) { a.Country, a.PostalCode = "GB", "12345" }},
		{"postal_code", func(a *models.Address) { a.Country, a.PostalCode = "KE", "-001" }},
		{"postal_code", func(a *models.Address) { a.Country, a.PostalCode = "KE", "12345678901" }},
		{"email", func(a *models.Address) { a.Email = "" }},
		{"email", func(a *models.Address) { a.Email = "ap@localhost" }},
		{"email", func(a *models.Address) { a.Email = "Alice <ap@acme.example.com>" }},
		{"email", func(a *models.Address) { a.Email = "no-at-sign.example.com" }},
		{"phone", func(a *models.Address) { a.Phone = "" }},
		{"phone", func(a *models.Address) { a.Phone = "12345" }},
		{"phone", func(a *models.Address) { a.Phone = "+1 512 555 0100 1234 5678" }},
		{"phone", func(a *models.Address) { a.Phone = "1+512 555 0100" }},
		{"phone", func(a *models.Address) { a.Phone = "call me" }},
	} {
		a := validAddress()
		tc.set(&a)
		errs := models.CheckAddress("shipping", a)
		if len(errs) != 1 || errs[0].Field != "shipping."+tc.field || errs[0].Detail == "" {
			t.Errorf("%+v: errors %v, want one naming shipping.%s", a, errs, tc.field)
			continue
		}
		for _, v := range []string{a.Name, a.Email, a.Phone, a.PostalCode, a.Line1} {
			if len(v) > 3 && strings.Contains(errs[0].Detail, v) {
				t.Errorf("detail %q quotes the input %q", errs[0].Detail, v)
			}
		}
	}

	// Everything wrong at once: every required field named, in field order.
	errs := models.CheckAddress("billing", models.Address{Line2: "x\ny"})
	var got []string
	for _, e := range errs {
		got = append(got, e.Field)
	}
	want := []string{"billing.name", "billing.company", "billing.line1", "billing.line2", "billing.city", "billing.country",
		"billing.postal_code", "billing.email", "billing.phone"}
	if !slices.Equal(got, want) {
		t.Errorf("all at once = %v, want %v", got, want)
	}
}

// TestCheckoutNormalizesAddresses: white space around fields is trimmed
// and the country code upper-cased before the rules apply.
func TestCheckoutNormalizesAddresses(t *testing.T) {
	a := validAddress()
	a.Name, a.Country, a.PostalCode = "  Alice Anders ", " us", " 78701 "
	n := models.NormalizeAddress(a)
	if n != validAddress() {
		t.Errorf("normalized = %+v", n)
	}
}
