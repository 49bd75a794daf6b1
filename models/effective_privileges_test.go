package models_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// B2: the Primary Contact holds every tool at its highest level whatever
// its row stores; anyone else holds exactly what is stored.
func TestEffectivePrivileges(t *testing.T) {
	downloads := models.Privileges{Software: models.SoftwareDownloads}
	delegate := models.Privileges{Software: models.SoftwareFull, ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelView}
	for _, c := range []struct {
		name      string
		stored    models.Privileges
		isPrimary bool
		want      models.Privileges
	}{
		{"no row, not primary", models.Privileges{}, false, models.Privileges{}},
		{"no row, primary", models.Privileges{}, true, models.PrimaryPrivileges},
		{"plain user", downloads, false, downloads},
		{"delegate keeps exactly what is stored", delegate, false, delegate},
		{"primary with a partial row", downloads, true, models.PrimaryPrivileges},
		{"primary with a full row", models.PrimaryPrivileges, true, models.PrimaryPrivileges},
		{"full row without the role", models.PrimaryPrivileges, false, models.PrimaryPrivileges},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := models.EffectivePrivileges(c.stored, c.isPrimary); got != c.want {
				t.Fatalf("EffectivePrivileges(%+v, %v) = %+v, want %+v", c.stored, c.isPrimary, got, c.want)
			}
		})
	}
	if models.PrimaryPrivileges.ManageAccess != models.LevelUpdate || models.PrimaryPrivileges.ContactUpdate != models.LevelUpdate ||
		models.PrimaryPrivileges.Software != models.SoftwareFull {
		t.Fatalf("PrimaryPrivileges = %+v: the Primary must hold account management and every tool", models.PrimaryPrivileges)
	}
}

func FuzzEffectivePrivileges(f *testing.F) {
	f.Add(uint32(0), false)
	f.Add(uint32(0), true)
	f.Add(bitsOf(models.PrimaryPrivileges), false)
	f.Add(bitsOf(models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}), true)
	f.Add(^uint32(0), true)
	f.Fuzz(func(t *testing.T, bits uint32, isPrimary bool) {
		stored := privilegesFrom(bits)
		got := models.EffectivePrivileges(stored, isPrimary)
		if err := got.Valid(); err != nil {
			t.Fatalf("EffectivePrivileges(%+v, %v) = %+v: %v", stored, isPrimary, got, err)
		}
		if !got.Covers(stored) {
			t.Fatalf("EffectivePrivileges(%+v, %v) = %+v lowers a stored level", stored, isPrimary, got)
		}
		if !isPrimary && got != stored {
			t.Fatalf("a non-Primary's effective privileges %+v differ from the stored %+v", got, stored)
		}
		if isPrimary && got != models.PrimaryPrivileges {
			t.Fatalf("the Primary's effective privileges are %+v, want everything %+v", got, models.PrimaryPrivileges)
		}
		if again := models.EffectivePrivileges(got, isPrimary); again != got {
			t.Fatalf("not idempotent: %+v then %+v", got, again)
		}
	})
}
