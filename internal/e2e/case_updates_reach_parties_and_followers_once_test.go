package e2e_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestCaseUpdateReachesPartiesAndFollowersOnce: one email per update to the
// owner, the interested parties and the followers, each address once (an
// owner or party who also follows is not told twice), sorted, never the
// author; queued in the transaction that writes the update.
func TestCaseUpdateReachesPartiesAndFollowersOnce(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{NoWorker: true})
	id := openCase(t, w, caseFullG, "Cluster keeps restarting")
	addParty(t, w, caseFullG, id, caseFullA)
	addParty(t, w, caseFullG, id, caseFullH)
	follow(t, w, caseFullA) // a party who follows
	follow(t, w, caseFullG) // the owner, following
	follow(t, w, caseSTC)   // the STC: administrator

	for _, tc := range []struct {
		author string
		want   []string
	}{
		{caseFullH, []string{caseFullA, caseSTC, caseFullG}}, // a party posts
		{caseSTC, []string{caseFullA, caseFullG, caseFullH}}, // a follower posts
		{caseFullG, []string{caseFullA, caseSTC, caseFullH}}, // the owner posts
	} {
		upd := postUpdate(t, w, tc.author, id, "note from "+tc.author)
		row := updateEmail(t, w, id, upd)
		if !slices.Equal(row.Recipients, tc.want) {
			t.Errorf("%s posts: recipients = %v, want %v", tc.author, row.Recipients, tc.want)
		}

		// Same transaction: both rows carry the id of the transaction
		// that inserted them.
		var xmins []string
		err := w.Runtime.DB.Raw(`SELECT xmin::text FROM support_case_updates WHERE id = ?
			UNION ALL SELECT xmin::text FROM outbox WHERE id = ?`, upd, row.ID).Scan(&xmins).Error
		if err != nil {
			t.Fatal(err)
		}
		if len(xmins) != 2 || xmins[0] != xmins[1] {
			t.Errorf("update and email written by transactions %v, want one", xmins)
		}
	}
	if rows := updateEmails(t, w, id); len(rows) != 3 {
		t.Errorf("%d emails for 3 updates", len(rows))
	}
}
