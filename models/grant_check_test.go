package models_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// The B2 rules of who may change whose privileges.
const (
	ruleNeedsManageAccess = "changing privileges needs manage_access=update"
	ruleOnlyPrimary       = "only the Primary Contact may grant manage_access or contact_update"
	ruleMoreThanHeld      = "cannot grant "
)

var (
	grantDelegate = models.Privileges{
		Software: models.SoftwareFull, Reporting: models.LevelView, Entitlements: models.LevelView,
		ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelView, Documents: models.LevelView,
	}
	grantDownloads = models.Privileges{Software: models.SoftwareDownloads}
)

func TestGrantCheck(t *testing.T) {
	withEntUpdate := grantDownloads.Set(models.ToolEntitlements, models.LevelUpdate)
	for _, c := range []struct {
		name      string
		granter   models.Privileges
		isPrimary bool
		from, to  models.Privileges
		want      string // "" allowed, else the start of the rule broken
	}{
		{"a plain user changes nothing", grantDownloads, false, models.Privileges{}, grantDownloads, ruleNeedsManageAccess},
		{"a plain user's no-op is still refused", grantDownloads, false, grantDownloads, grantDownloads, ruleNeedsManageAccess},
		{"manage_access=view is not enough", grantDelegate.Set(models.ToolManageAccess, models.LevelView), false,
			models.Privileges{}, grantDownloads, ruleNeedsManageAccess},
		{"a delegate grants up to what they hold", grantDelegate, false, models.Privileges{},
			models.Privileges{Software: models.SoftwareFull, Reporting: models.LevelView, Documents: models.LevelView}, ""},
		{"a delegate's no-op", grantDelegate, false, grantDownloads, grantDownloads, ""},
		{"a delegate grants more than they hold", grantDelegate, false, models.Privileges{},
			models.Privileges{Entitlements: models.LevelUpdate}, ruleMoreThanHeld + "entitlements=update: more than you hold (view)"},
		{"a delegate grants manage_access", grantDelegate, false, models.Privileges{},
			models.Privileges{ManageAccess: models.LevelView}, ruleOnlyPrimary},
		{"a delegate grants contact_update", grantDelegate, false, models.Privileges{},
			models.Privileges{ContactUpdate: models.LevelView}, ruleOnlyPrimary},
		{"a delegate takes manage_access away", grantDelegate, false, grantDelegate, models.Privileges{}, ruleOnlyPrimary},
		{"a delegate lowers a level above their own", grantDelegate, false, withEntUpdate, grantDownloads, ""},
		{"a delegate revokes someone holding more than they do", grantDelegate, false, withEntUpdate, models.Privileges{}, ""},
		{"a delegate lowers a level to one still above their own", grantDelegate.Set(models.ToolSoftware, models.SoftwareDownloads), false,
			models.Privileges{Software: models.SoftwareFull}, models.Privileges{Software: models.SoftwareDownloadsMedia},
			ruleMoreThanHeld + "software=downloads_media: more than you hold (downloads)"},
		{"a level above the granter's that stays as it is", grantDelegate, false, withEntUpdate,
			withEntUpdate.Set(models.ToolSoftware, models.SoftwareFull), ""},
		{"the Primary grants account management tools", models.PrimaryPrivileges, true, models.Privileges{},
			models.Privileges{ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelUpdate}, ""},
		{"the Primary grants everything", models.PrimaryPrivileges, true, models.Privileges{}, models.PrimaryPrivileges, ""},
		{"the Primary takes manage_access away", models.PrimaryPrivileges, true, grantDelegate, grantDownloads, ""},
		{"a Primary passing stored, not effective, levels", models.Privileges{}, true, models.Privileges{}, grantDownloads,
			ruleMoreThanHeld + "software=downloads: more than you hold (none)"},
		{"the full set without the Primary role", models.PrimaryPrivileges, false, models.Privileges{},
			models.Privileges{ContactUpdate: models.LevelView}, ruleOnlyPrimary},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := models.GrantCheck(c.granter, c.isPrimary, c.from, c.to)
			if c.want == "" && got != "" {
				t.Fatalf("refused: %s", got)
			}
			if c.want != "" && !strings.HasPrefix(got, c.want) {
				t.Fatalf("GrantCheck = %q, want %q", got, c.want)
			}
		})
	}
}

func FuzzGrantCheck(f *testing.F) {
	p, d, dl := bitsOf(models.PrimaryPrivileges), bitsOf(grantDelegate), bitsOf(grantDownloads)
	f.Add(p, uint32(0), p, true)
	f.Add(d, uint32(0), dl, false)
	f.Add(d, p, uint32(0), false)
	f.Add(dl, dl, dl, false)
	f.Add(d, dl, bitsOf(models.Privileges{Entitlements: models.LevelUpdate}), false)
	f.Add(uint32(0), uint32(0), dl, true)
	f.Fuzz(func(t *testing.T, gBits, fromBits, toBits uint32, isPrimary bool) {
		g, from, to := privilegesFrom(gBits), privilegesFrom(fromBits), privilegesFrom(toBits)
		rule := models.GrantCheck(g, isPrimary, from, to)
		allowed := rule == ""
		if !allowed && !strings.HasPrefix(rule, ruleNeedsManageAccess) && !strings.HasPrefix(rule, ruleOnlyPrimary) &&
			!strings.HasPrefix(rule, ruleMoreThanHeld) {
			t.Fatalf("unknown refusal %q", rule)
		}
		// Nobody without manage access = update changes anything unless Primary.
		if !isPrimary && g.ManageAccess < models.LevelUpdate && allowed {
			t.Fatalf("%+v (manage_access %d) allowed to change %+v → %+v", g, g.ManageAccess, from, to)
		}
		// Only the Primary changes manage access or contact update.
		if !isPrimary && allowed && (from.ManageAccess != to.ManageAccess || from.ContactUpdate != to.ContactUpdate) {
			t.Fatalf("non-Primary %+v changed account management %+v → %+v", g, from, to)
		}
		// Nobody grants a level above their own; keeping one is not granting.
		for _, tool := range models.GrantableTools {
			if allowed && to.Get(tool) > g.Get(tool) && to.Get(tool) != from.Get(tool) {
				t.Fatalf("%+v granted %s=%d above their %d", g, tool, to.Get(tool), g.Get(tool))
			}
		}
		if strings.HasPrefix(rule, ruleMoreThanHeld) {
			if over := firstOver(g, from, to); over == "" || !strings.HasPrefix(rule, ruleMoreThanHeld+string(over)+"=") {
				t.Fatalf("refusal %q does not name the tool granted above the granter's level (%q)", rule, over)
			}
		}
		// The Primary's effective privileges allow any change.
		if isPrimary && g.Covers(models.PrimaryPrivileges) && !allowed {
			t.Fatalf("the Primary was refused %+v → %+v: %s", from, to, rule)
		}
		// A granter who may change privileges may always leave them as
		// they are, and may always lower the tools they may touch to a
		// level within their own (lowering to a level still above their
		// own is granting it: refused, see the table).
		mayChange := isPrimary || g.ManageAccess >= models.LevelUpdate
		if mayChange && models.GrantCheck(g, isPrimary, from, from) != "" {
			t.Fatalf("%+v refused a no-op on %+v", g, from)
		}
		lowered := from
		for _, tool := range models.GrantableTools {
			if l := min(to.Get(tool), g.Get(tool)); l < from.Get(tool) {
				lowered = lowered.Set(tool, l)
			}
		}
		if !isPrimary {
			lowered.ManageAccess, lowered.ContactUpdate = from.ManageAccess, from.ContactUpdate
		}
		if mayChange && models.GrantCheck(g, isPrimary, from, lowered) != "" {
			t.Fatalf("%+v refused lowering %+v → %+v: %s", g, from, lowered, models.GrantCheck(g, isPrimary, from, lowered))
		}
		// Holding more, or being the Primary, never loses a permission.
		if allowed {
			if r := models.GrantCheck(g.Max(privilegesFrom(toBits^fromBits)), isPrimary, from, to); r != "" {
				t.Fatalf("a granter holding more than %+v was refused: %s", g, r)
			}
			if r := models.GrantCheck(g, true, from, to); r != "" {
				t.Fatalf("the same levels as Primary were refused: %s", r)
			}
		}
	})
}

// firstOver is the first tool (B1 order) that to raises above both the
// granter's level and its current level: the one a refusal names.
func firstOver(g, from, to models.Privileges) models.Tool {
	for _, tool := range models.GrantableTools {
		if to.Get(tool) > g.Get(tool) && to.Get(tool) != from.Get(tool) {
			return tool
		}
	}
	return ""
}
