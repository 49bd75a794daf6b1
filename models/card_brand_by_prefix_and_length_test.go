package models

import (
	"strings"
	"testing"
)

// The brand is told by the IIN prefix, at the edges of every range, and
// each brand accepts exactly its lengths (SPEC G3).
func TestCheckCardBrandByPrefixAndLength(t *testing.T) {
	cases := []struct {
		prefix  string
		brand   Brand // "" = no accepted brand
		lengths []int
	}{
		{"4", BrandVisa, []int{13, 16, 19}},
		{"51", BrandMastercard, []int{16}},
		{"55", BrandMastercard, []int{16}},
		{"2221", BrandMastercard, []int{16}},
		{"2720", BrandMastercard, []int{16}},
		{"34", BrandAmex, []int{15}},
		{"37", BrandAmex, []int{15}},
		{"6011", BrandDiscover, []int{16, 17, 18, 19}},
		{"644", BrandDiscover, []int{16, 17, 18, 19}},
		{"649", BrandDiscover, []int{16, 17, 18, 19}},
		{"65", BrandDiscover, []int{16, 17, 18, 19}},
		{"622126", BrandDiscover, []int{16, 17, 18, 19}},
		{"622925", BrandDiscover, []int{16, 17, 18, 19}},
		{"3528", BrandJCB, []int{16, 17, 18, 19}},
		{"3589", BrandJCB, []int{16, 17, 18, 19}},
		// just outside the ranges
		{"50", "", nil},
		{"56", "", nil},
		{"2220", "", nil},
		{"2721", "", nil},
		{"35", "", nil}, // 35 alone is not enough: 3500 is below JCB's 3528
		{"3527", "", nil},
		{"3590", "", nil},
		{"33", "", nil},
		{"36", "", nil}, // Diners Club: not accepted
		{"38", "", nil},
		{"6010", "", nil},
		{"6012", "", nil},
		{"643", "", nil},
		{"622125", "", nil},
		{"622926", "", nil},
		{"62", "", nil}, // UnionPay outside the Discover range
		{"1", "", nil},
		{"9", "", nil},
	}
	for _, c := range cases {
		t.Run(c.prefix, func(t *testing.T) {
			for n := 12; n <= 20; n++ {
				num := luhnNumber(c.prefix, n)
				brand, errs := CheckCard(num, 12, 2030, "1234"[:cvcLen(c.brand)], cardNow)
				e, hasErr := errFor(t, errs, FieldCardNumber)
				accepted := c.brand != "" && containsLen(c.lengths, n)
				switch {
				case accepted:
					if hasErr || brand != c.brand || len(errs) != 0 {
						t.Errorf("%d digits: %q, %v; want %q and no errors", n, brand, errs, c.brand)
					}
				case c.brand == "":
					if !hasErr || e.Detail != detailNumberBrand || brand != "" {
						t.Errorf("%d digits: %q, %v; want the brand error", n, brand, errs)
					}
				default:
					if !hasErr || !strings.HasPrefix(e.Detail, "has the wrong number of digits") || brand != "" {
						t.Errorf("%d digits: %q, %v; want the length error", n, brand, errs)
					}
				}
			}
		})
	}
}

func cvcLen(b Brand) int {
	if b == BrandAmex {
		return 4
	}
	return 3
}

func containsLen(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// The length error names the brand's lengths.
func TestCheckCardLengthDetailNamesTheLengths(t *testing.T) {
	for num, want := range map[string]string{
		luhnNumber("4", 15):    "has the wrong number of digits for Visa (13, 16 or 19)",
		luhnNumber("51", 15):   "has the wrong number of digits for Mastercard (16)",
		luhnNumber("34", 16):   "has the wrong number of digits for American Express (15)",
		luhnNumber("6011", 15): "has the wrong number of digits for Discover (16 to 19)",
		luhnNumber("3530", 20): "has the wrong number of digits for JCB (16 to 19)",
	} {
		_, errs := CheckCard(num, 12, 2030, "123", cardNow)
		if e, _ := errFor(t, errs, FieldCardNumber); e.Detail != want {
			t.Errorf("%s: %q, want %q", num, e.Detail, want)
		}
	}
}
