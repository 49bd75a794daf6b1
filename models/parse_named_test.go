package models_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// ParseNamed turns the API's tool→level-name map into Privileges: unlisted
// tools stay at none; every bad entry is reported under its own key and
// sets nothing; the good entries of a partly bad map are still parsed.
func TestParseNamed(t *testing.T) {
	for _, c := range []struct {
		name    string
		in      map[string]string
		want    models.Privileges
		wantBad []string // keys reported bad
		mention map[string]string
	}{
		{name: "empty", in: map[string]string{}, want: models.Privileges{}},
		{name: "nil", in: nil, want: models.Privileges{}},
		{name: "one tool", in: map[string]string{"software": "downloads"}, want: models.Privileges{Software: models.SoftwareDownloads}},
		{
			name: "every tool at its top",
			in: map[string]string{"software": "full", "reporting": "view", "entitlements": "update",
				"manage_access": "update", "contact_update": "update", "documents": "view"},
			want: models.PrimaryPrivileges,
		},
		{name: "explicit none", in: map[string]string{"software": "none", "reporting": "view"}, want: models.Privileges{Reporting: models.LevelView}},
		{
			name: "account management is never granted", in: map[string]string{"account_management": "update", "reporting": "view"},
			want: models.Privileges{Reporting: models.LevelView}, wantBad: []string{"account_management"},
			mention: map[string]string{"account_management": "Primary Contact"},
		},
		{
			name: "unknown tool", in: map[string]string{"printing": "view"},
			wantBad: []string{"printing"}, mention: map[string]string{"printing": "unknown tool"},
		},
		{
			name: "bad level of a known tool", in: map[string]string{"software": "view", "documents": "view"},
			want: models.Privileges{Documents: models.LevelView}, wantBad: []string{"software"},
			mention: map[string]string{"software": `"view"`},
		},
		{
			name: "several bad", in: map[string]string{"Software": "full", "reporting": "", "entitlements": "update"},
			want: models.Privileges{Entitlements: models.LevelUpdate}, wantBad: []string{"Software", "reporting"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, bad := models.ParseNamed(c.in)
			if got != c.want {
				t.Errorf("privileges = %+v, want %+v", got, c.want)
			}
			if bad == nil {
				t.Fatal("the bad map is nil")
			}
			if len(bad) != len(c.wantBad) {
				t.Errorf("bad = %v, want keys %v", bad, c.wantBad)
			}
			for _, k := range c.wantBad {
				if bad[k] == "" {
					t.Errorf("bad[%q] missing (bad = %v)", k, bad)
				}
			}
			for k, s := range c.mention {
				if !strings.Contains(bad[k], s) {
					t.Errorf("bad[%q] = %q, want it to mention %q", k, bad[k], s)
				}
			}
		})
	}
}

// Named and ParseNamed are inverses on every valid Privileges.
func TestParseNamedInvertsNamed(t *testing.T) {
	for bits := uint32(0); bits < 1<<24; bits += 0x10101 { // a spread over every tool's levels
		p := privilegesFrom(bits)
		named := map[string]string{}
		for k, v := range p.Named() {
			named[string(k)] = v
		}
		got, bad := models.ParseNamed(named)
		if len(bad) != 0 || got != p {
			t.Fatalf("ParseNamed(Named(%+v)) = %+v, %v", p, got, bad)
		}
	}
}

func FuzzParseNamed(f *testing.F) {
	f.Add("software", "full", "reporting", "view")
	f.Add("manage_access", "update", "contact_update", "view")
	f.Add("account_management", "update", "documents", "view")
	f.Add("software", "view", "software ", "full")
	f.Add("", "", "entitlements", "update")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		in := map[string]string{k1: v1, k2: v2}
		p, bad := models.ParseNamed(in)
		if err := p.Valid(); err != nil {
			t.Fatalf("ParseNamed(%q) = %+v: %v", in, p, err)
		}
		listed := map[models.Tool]bool{}
		for k, v := range in {
			l, err := models.ParseLevel(models.Tool(k), v)
			switch {
			case err != nil && bad[k] == "":
				t.Fatalf("ParseNamed(%q): %q=%q is invalid (%v) but not reported", in, k, v, err)
			case err == nil && bad[k] != "":
				t.Fatalf("ParseNamed(%q): valid %q=%q reported bad: %s", in, k, v, bad[k])
			case err == nil && p.Get(models.Tool(k)) != l:
				t.Fatalf("ParseNamed(%q): %s = %d, want %d", in, k, p.Get(models.Tool(k)), l)
			case err == nil:
				listed[models.Tool(k)] = true
			}
		}
		for k := range bad {
			if _, ok := in[k]; !ok {
				t.Fatalf("ParseNamed(%q) reports a key it was not given: %q", in, k)
			}
		}
		if _, ok := bad["account_management"]; !ok {
			if _, given := in["account_management"]; given {
				t.Fatalf("ParseNamed(%q) accepted account_management", in)
			}
		}
		for _, tool := range models.GrantableTools {
			if !listed[tool] && p.Get(tool) != models.LevelNone {
				t.Fatalf("ParseNamed(%q) set unlisted or invalid %s to %d", in, tool, p.Get(tool))
			}
		}
	})
}
