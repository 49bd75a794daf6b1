package e2e_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestCaseUpdateReachesTheOwnerOnlyWhenSomeoneElsePosts: the owner posting
// on a case nobody else follows or is party to queues nothing; someone else
// posting emails the owner, and the worker's sender delivers it.
func TestCaseUpdateReachesTheOwnerOnlyWhenSomeoneElsePosts(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	id := openCase(t, w, caseBasic, "Restore <fails> on node 3")

	postUpdate(t, w, caseBasic, id, "Still failing after the patch")
	if rows := updateEmails(t, w, id); len(rows) != 0 {
		t.Fatalf("the owner's own update queued %d emails: %v", len(rows), rows[0].Recipients)
	}

	body := "We found the cause.\nA fix ships Friday."
	upd := postUpdate(t, w, caseFullG, id, body)
	row := updateEmail(t, w, id, upd)
	if want := []string{caseBasic}; !slices.Equal(row.Recipients, want) {
		t.Fatalf("recipients = %v, want %v", row.Recipients, want)
	}
	if row.Notice != "case_update" {
		t.Errorf("notice = %q", row.Notice)
	}
	if rows := updateEmails(t, w, id); len(rows) != 1 {
		t.Errorf("%d emails for the case, want 1", len(rows))
	}

	// What the email shows: account, case id and title, author, text, link.
	caseID := fmt.Sprint(id)
	for _, s := range []string{"1000001", caseID, "Restore <fails> on node 3"} {
		if !strings.Contains(row.Subject, s) {
			t.Errorf("subject %q lacks %q", row.Subject, s)
		}
	}
	for _, s := range []string{"1000001", "Restore <fails> on node 3", "Grace Green", caseFullG, body, "/v1/cases/" + caseID} {
		if !strings.Contains(row.TextBody, s) {
			t.Errorf("text lacks %q:\n%s", s, row.TextBody)
		}
	}
	for _, s := range []string{"Restore &lt;fails&gt; on node 3", "Grace Green", "/v1/cases/" + caseID, "We found the cause."} {
		if !strings.Contains(row.HTMLBody, s) {
			t.Errorf("html lacks %q:\n%s", s, row.HTMLBody)
		}
	}
	for _, s := range []string{"level", "basic", "administrator", "owner_id", "user_id"} {
		if strings.Contains(row.TextBody, s) || strings.Contains(row.HTMLBody, s) {
			t.Errorf("email shows %q:\n%s", s, row.TextBody)
		}
	}

	// The worker's sender delivers it to the owner alone.
	var got bool
	for _, m := range w.waitMail(t, 1, 30*time.Second) {
		if m.Subject == row.Subject {
			got = true
			if to := sortedTo(m); !slices.Equal(to, []string{caseBasic}) {
				t.Errorf("delivered to %v", to)
			}
		}
	}
	if !got {
		t.Fatalf("no delivered email has subject %q: %v", row.Subject, subjects(w.sink.Messages()))
	}
}
