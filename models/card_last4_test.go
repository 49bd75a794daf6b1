package models

import "testing"

// Last4 keeps the last four digits of a number typed with spaces, and
// nothing of anything else.
func TestLast4(t *testing.T) {
	for in, want := range map[string]string{
		"4242424242424242":    "4242",
		"3782 822463 10005":   "0005",
		"5555 5555 5555 4444": "4444",
		"1234":                "1234",
		"123":                 "",
		"":                    "",
		"4242-4242-4242-4242": "",
		"abcd":                "",
		"12 34":               "1234",
	} {
		if got := Last4(in); got != want {
			t.Errorf("Last4(%q) = %q, want %q", in, got, want)
		}
	}
}
