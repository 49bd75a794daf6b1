package api_test

import (
	"net/http"
	"testing"
)

// Concurrent moves of the Primary leave exactly one (A2, A4).
func TestConcurrentPrimaryMoves(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	before := count(t, a.Runtime.DB, "audit_log")
	to := []string{bob, carol, dave, henry, erin}
	statuses := make(chan int, len(to))
	for _, who := range to {
		go func(who string) {
			statuses <- a.Do("PUT", acmeSite+"/contacts/primary", a.Token(alice), contact(who)).Status
		}(who)
	}
	oks := 0
	for range to {
		switch s := <-statuses; s {
		case http.StatusOK:
			oks++
		case http.StatusForbidden, http.StatusConflict:
		default:
			t.Errorf("status %d", s)
		}
	}
	var primaries []string
	if err := a.Runtime.DB.Raw(`SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id JOIN sites s ON s.id = c.site_id
		WHERE s.site_number = '300001' AND c.role = 'primary'`).Scan(&primaries).Error; err != nil {
		t.Fatal(err)
	}
	if len(primaries) != 1 || oks == 0 {
		t.Fatalf("primaries after concurrent moves: %v (%d moves succeeded)", primaries, oks)
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+int64(oks) {
		t.Errorf("%d audit rows for %d moves", after-before, oks)
	}
}
