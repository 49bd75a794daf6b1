package seed

import (
	"testing"

	"github.com/pao/pao/models"
)

// TestPackagesMatchTheirChecksums: each seeded package's SHA-256 is that
// of the content it is served as (models.NewPlaceholder of its file name
// and size), each names a product of the dataset that coverage is held on
// and a known platform, and no two share a file name.
func TestPackagesMatchTheirChecksums(t *testing.T) {
	parts := map[string]models.LicenseType{}
	for _, p := range products {
		parts[p.part] = p.kind
	}
	files := map[string]bool{}
	for _, p := range packages {
		if got := models.NewPlaceholder(p.file, p.size).SHA256(); got != p.sha256 {
			t.Errorf("%s: declared sha256 %s, content has %s", p.file, p.sha256, got)
		}
		if parts[p.part] != models.SSRenewal {
			t.Errorf("%s: product %s is not an S&S renewal part of the dataset (%q)", p.file, p.part, parts[p.part])
		}
		if !p.platform.Valid() || p.releasedAgo < 0 || p.size <= 0 {
			t.Errorf("%s: platform %q, released %d days ago, %d bytes", p.file, p.platform, p.releasedAgo, p.size)
		}
		if files[p.file] {
			t.Errorf("%s: declared twice", p.file)
		}
		files[p.file] = true
	}
	if len(packages) < 20 {
		t.Errorf("only %d packages", len(packages))
	}
}
