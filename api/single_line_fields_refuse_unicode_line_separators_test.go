package api_test

import (
	"testing"
)

// TestSingleLineFieldsRefuseUnicodeLineSeparators: a single-line field
// (name, company, case title, customer and site names) holds one line, so
// the line breaks that are not ASCII are refused too, naming the field:
// NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029),
// vertical tab and form feed. Each body also carries another invalid
// field (severity, country or phone), so a separator let through changes
// nothing either.
func TestSingleLineFieldsRefuseUnicodeLineSeparators(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	for _, c := range singleLineFields {
		t.Run(c.route, func(t *testing.T) {
			for _, f := range c.fields {
				for _, sep := range []string{"\u0085", "\u2028", "\u2029", "\v", "\f"} {
					base := c.base()
					switch c.route {
					case "POST /v1/accounts/:customer/cases":
						base = base.with("severity", jraw("9")) // refused too: nothing is written
					case "POST /v1/enrollments":
						base = base.with("country", jstr("usa"))
					default:
						base = base.with("phone", jstr("not a phone"))
					}
					body := base.with(f, jstr("Some"+sep+"One")).String()
					before := snapshot(t, a)
					r := a.Do("POST", c.path, tokenFor(a, c.as), body)
					if msg := refusedStrangely(r, verdict{field: f}); msg != "" {
						t.Errorf("%s = %q: %s", f, "Some"+sep+"One", msg)
					}
					assertUnchanged(t, a, before)
				}
			}
		})
	}
}
