package models_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// B1: each tool's levels are named and ordered; a name of another tool,
// a different case or a level of a tool that cannot be granted is refused.
func TestParseLevel(t *testing.T) {
	for _, c := range []struct {
		tool    models.Tool
		name    string
		want    models.Level
		wantErr bool
	}{
		{models.ToolSoftware, "none", models.LevelNone, false},
		{models.ToolSoftware, "downloads", models.SoftwareDownloads, false},
		{models.ToolSoftware, "downloads_media", models.SoftwareDownloadsMedia, false},
		{models.ToolSoftware, "full", models.SoftwareFull, false},
		{models.ToolReporting, "view", models.LevelView, false},
		{models.ToolEntitlements, "update", models.LevelUpdate, false},
		{models.ToolManageAccess, "view", models.LevelView, false},
		{models.ToolContactUpdate, "update", models.LevelUpdate, false},
		{models.ToolDocuments, "view", models.LevelView, false},
		{models.ToolSoftware, "view", 0, true},          // a level of other tools
		{models.ToolReporting, "update", 0, true},       // above the tool's range
		{models.ToolDocuments, "full", 0, true},         // above the tool's range
		{models.ToolSoftware, "Full", 0, true},          // names are case-sensitive
		{models.ToolSoftware, " full", 0, true},         // and not trimmed
		{models.ToolSoftware, "", 0, true},              // empty
		{models.ToolSoftware, "3", 0, true},             // numbers are not names
		{models.ToolAccountManagement, "none", 0, true}, // comes with the Primary role, never granted
		{models.Tool("printing"), "none", 0, true},      // unknown tool
	} {
		got, err := models.ParseLevel(c.tool, c.name)
		if c.wantErr {
			if err == nil {
				t.Errorf("ParseLevel(%s, %q) = %d, want an error", c.tool, c.name, got)
			} else if !strings.Contains(err.Error(), string(c.tool)) || !strings.Contains(err.Error(), c.name) {
				t.Errorf("ParseLevel(%s, %q) error %q names neither the tool nor the level", c.tool, c.name, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseLevel(%s, %q) = %d, %v; want %d", c.tool, c.name, got, err, c.want)
		}
		if back := models.LevelName(c.tool, got); back != c.name {
			t.Errorf("LevelName(%s, %d) = %q, want %q", c.tool, got, back, c.name)
		}
	}
}

// Every level of every grantable tool round-trips through its name, and
// the names are ordered: a higher level never parses to a lower number.
func TestParseLevelRoundTripsEveryLevel(t *testing.T) {
	for i, tool := range models.GrantableTools {
		for l := models.Level(0); int(l) < levelCounts[i]; l++ {
			name := models.LevelName(tool, l)
			got, err := models.ParseLevel(tool, name)
			if err != nil || got != l {
				t.Errorf("ParseLevel(%s, LevelName(%d)=%q) = %d, %v", tool, l, name, got, err)
			}
		}
		if name := models.LevelName(tool, models.Level(levelCounts[i])); !strings.HasPrefix(name, "level-") {
			t.Errorf("LevelName(%s, %d) = %q: a level above the range has a name", tool, levelCounts[i], name)
		}
	}
}

func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"none", "downloads", "downloads_media", "full", "view", "update", "", "FULL", "level-1", "full\x00"} {
		f.Add("software", s)
		f.Add("entitlements", s)
	}
	f.Add("account_management", "update")
	f.Add("", "none")
	f.Fuzz(func(t *testing.T, tool, name string) {
		l, err := models.ParseLevel(models.Tool(tool), name)
		if err != nil {
			if l != models.LevelNone {
				t.Fatalf("ParseLevel(%q, %q) = %d with error %v", tool, name, l, err)
			}
			return
		}
		p := models.Privileges{}.Set(models.Tool(tool), l)
		if p.Get(models.Tool(tool)) != l || p.Valid() != nil {
			t.Fatalf("ParseLevel(%q, %q) = %d is not a grantable level (%+v: %v)", tool, name, l, p, p.Valid())
		}
		if back := models.LevelName(models.Tool(tool), l); back != name {
			t.Fatalf("ParseLevel(%q, %q) = %d, but LevelName gives %q", tool, name, l, back)
		}
	})
}

// D1: support levels parse by name and print back the same name.
func TestParseSupportLevel(t *testing.T) {
	for _, c := range []struct {
		name string
		want models.SupportLevel
		ok   bool
	}{
		{"none", models.SupportNone, true},
		{"basic", models.SupportBasic, true},
		{"full", models.SupportFull, true},
		{"administrator", models.SupportAdmin, true},
		{"admin", 0, false},
		{"Basic", 0, false},
		{"", 0, false},
	} {
		got, err := models.ParseSupportLevel(c.name)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseSupportLevel(%q) = %v, %v", c.name, got, err)
		}
		if c.ok && got.String() != c.name {
			t.Errorf("%q parses to %d which prints %q", c.name, got, got.String())
		}
	}
}
