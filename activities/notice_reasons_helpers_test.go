package activities_test

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// queuedWhy loads the outbox row of key and checks what every notice row
// must say (issue 11 item 3): one reason per recipient, in the order of
// the recipients, none empty. It returns the row's site and the reasons.
func (f fixture) queuedWhy(t *testing.T, key string) (site *int64, why map[string]string) {
	t.Helper()
	var row models.OutboxEmail
	if err := f.db.Where("key = ?", key).Take(&row).Error; err != nil {
		t.Fatalf("outbox row %s: %v", key, err)
	}
	var stored []models.Recipient
	if err := json.Unmarshal(row.RecipientReasons, &stored); err != nil {
		t.Fatalf("%s: recipient_reasons %s: %v", key, row.RecipientReasons, err)
	}
	if len(stored) != len(row.Recipients) {
		t.Fatalf("%s: %d reasons for %d recipients %v: %s", key, len(stored), len(row.Recipients), row.Recipients, row.RecipientReasons)
	}
	why = map[string]string{}
	for i, r := range stored {
		if r.Email != row.Recipients[i] || r.Reason == "" {
			t.Errorf("%s: reason %d = %+v for recipient %s: every recipient needs a reason", key, i, r, row.Recipients[i])
		}
		why[r.Email] = r.Reason
	}
	return row.SiteID, why
}

// wantWhy checks the reasons of the row of key and its site.
func (f fixture) wantWhy(t *testing.T, key string, site int64, want map[string]string) {
	t.Helper()
	gotSite, got := f.queuedWhy(t, key)
	switch {
	case site == 0 && gotSite != nil:
		t.Errorf("%s: site_id = %d, want NULL (account-level mail)", key, *gotSite)
	case site != 0 && (gotSite == nil || *gotSite != site):
		t.Errorf("%s: site_id = %v, want %d", key, gotSite, site)
	}
	if !maps.Equal(got, want) {
		keys := slices.Sorted(maps.Keys(got))
		t.Errorf("%s: reasons\n  %q (%v)\nwant\n  %q", key, got, keys, want)
	}
}
