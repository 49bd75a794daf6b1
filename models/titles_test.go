package models_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// What a person reads (emails) uses the SPEC B1/D1 wording, never the API
// spellings with underscores.
func TestTitlesAreWhatAPersonReads(t *testing.T) {
	for _, c := range []struct {
		tool  models.Tool
		title string
	}{
		{models.ToolSoftware, "Software & services"}, {models.ToolReporting, "Reporting"},
		{models.ToolEntitlements, "Entitlements"}, {models.ToolAccountManagement, "Account management"},
		{models.ToolManageAccess, "Manage access"}, {models.ToolContactUpdate, "Contact update"},
		{models.ToolDocuments, "Account-related documents"},
	} {
		if got := models.ToolTitle(c.tool); got != c.title {
			t.Errorf("ToolTitle(%s) = %q, want %q", c.tool, got, c.title)
		}
	}
	if got := models.ToolTitle("printing"); got != "printing" {
		t.Errorf("unknown tool title = %q", got)
	}
	for _, c := range []struct {
		tool  models.Tool
		level models.Level
		title string
	}{
		{models.ToolSoftware, models.SoftwareDownloads, "downloads only"},
		{models.ToolSoftware, models.SoftwareDownloadsMedia, "downloads and media"},
		{models.ToolSoftware, models.SoftwareFull, "full (downloads, media, quotes, product catalog and licence renewals)"},
		{models.ToolReporting, models.LevelView, "view"},
		{models.ToolEntitlements, models.LevelUpdate, "update"},
		{models.ToolDocuments, models.LevelNone, "none"},
	} {
		if got := models.LevelTitle(c.tool, c.level); got != c.title {
			t.Errorf("LevelTitle(%s, %d) = %q, want %q", c.tool, c.level, got, c.title)
		}
	}
	// Every level of every tool has a title without an API spelling; one
	// past the top falls back to LevelName.
	for i, tool := range models.GrantableTools {
		for l := models.Level(0); int(l) < levelCounts[i]; l++ {
			if got := models.LevelTitle(tool, l); got == "" || strings.ContainsAny(got, "_") || strings.HasPrefix(got, "level-") {
				t.Errorf("LevelTitle(%s, %d) = %q", tool, l, got)
			}
		}
		top := models.Level(levelCounts[i])
		if got, want := models.LevelTitle(tool, top), models.LevelName(tool, top); got != want {
			t.Errorf("LevelTitle(%s, %d) = %q, want the fallback %q", tool, top, got, want)
		}
	}
	for l, want := range map[models.SupportLevel]string{
		models.SupportNone: "No access", models.SupportBasic: "Basic", models.SupportFull: "Full",
		models.SupportAdmin: "Administrator", 9: "level-9",
	} {
		if got := l.Title(); got != want {
			t.Errorf("SupportLevel(%d).Title() = %q, want %q", l, got, want)
		}
	}
}

// Titled lists the levels above none, in B1 order, one line per tool.
func TestPrivilegesTitled(t *testing.T) {
	got := models.Privileges{Reporting: models.LevelView, Software: models.SoftwareDownloadsMedia}.Titled()
	want := []string{"Software & services: downloads and media", "Reporting: view"}
	if !slices.Equal(got, want) {
		t.Errorf("Titled() = %q, want %q", got, want)
	}
	if got := (models.Privileges{}).Titled(); len(got) != 0 {
		t.Errorf("no privileges titled %q", got)
	}
	if got := models.PrimaryPrivileges.Titled(); len(got) != len(models.GrantableTools) || strings.Contains(strings.Join(got, "\n"), "_") {
		t.Errorf("Primary titled %q", got)
	}
}
