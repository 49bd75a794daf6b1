package e2e_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestCaseUpdateSkipsThoseWhoCanNoLongerSeeTheCase: a follower or interested
// party demoted below full is not told (and is again once promoted back);
// a Site Technical Contact counts as administrator whatever their stored
// level; an owner left without support access is not told.
func TestCaseUpdateSkipsThoseWhoCanNoLongerSeeTheCase(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{NoWorker: true})
	id := openCase(t, w, caseBasic, "Licence keys rejected")
	addParty(t, w, caseSTC, id, caseFullG) // party, to be demoted
	setSupportLevel(t, w, caseSTC, caseFullA, "administrator")
	for _, who := range []string{caseFullA, caseFullH, caseSTC} {
		follow(t, w, who)
	}
	// Demotions, by the second administrator (nobody changes their own).
	setSupportLevel(t, w, caseFullA, caseSTC, "basic") // still the STC: administrator
	setSupportLevel(t, w, caseFullA, caseFullH, "basic")
	setSupportLevel(t, w, caseFullA, caseFullG, "basic")

	upd := postUpdate(t, w, caseBasic, id, "Any progress?")
	if got, want := updateEmail(t, w, id, upd).Recipients, []string{caseFullA, caseSTC}; !slices.Equal(got, want) {
		t.Errorf("after demotions: recipients = %v, want %v", got, want)
	}
	if listedFollowing(t, w, caseFullH) {
		t.Error("a follower demoted to basic is listed as following")
	}
	if !listedFollowing(t, w, caseSTC) {
		t.Error("the STC (stored basic) is not listed as following")
	}

	// Back to full: the follow was kept and counts again.
	setSupportLevel(t, w, caseFullA, caseFullH, "full")
	if !listedFollowing(t, w, caseFullH) {
		t.Error("a follower promoted back to full is not listed as following")
	}
	upd = postUpdate(t, w, caseFullA, id, "Working on it")
	if got, want := updateEmail(t, w, id, upd).Recipients, []string{caseSTC, caseBasic, caseFullH}; !slices.Equal(got, want) {
		t.Errorf("after promotion: recipients = %v, want %v", got, want)
	}

	// An owner without support access can no longer see the case.
	setSupportLevel(t, w, caseFullA, caseBasic, "none")
	upd = postUpdate(t, w, caseSTC, id, "Closing soon")
	if got, want := updateEmail(t, w, id, upd).Recipients, []string{caseFullA, caseFullH}; !slices.Equal(got, want) {
		t.Errorf("owner without access: recipients = %v, want %v", got, want)
	}
}
