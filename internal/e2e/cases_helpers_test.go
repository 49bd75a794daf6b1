package e2e_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pao/pao/models"
)

// People of account 1000001 in the demo data, by support level.
const (
	caseSTC   = "carol@acme.example.com" // Site Technical Contact: administrator
	caseFullA = "alice@acme.example.com" // full
	caseFullG = "grace@acme.example.com" // full
	caseFullH = "heidi@acme.example.com" // full
	caseBasic = "dave@acme.example.com"  // basic
	caseNone  = "henry@acme.example.com" // none
	caseOther = "budi@nusantara.example.com"
)

// openCase opens a case on account 1000001 as who and returns its id.
func openCase(t *testing.T, w world, who, title string) int64 {
	t.Helper()
	r := w.Do("POST", "/v1/accounts/1000001/cases", w.Token(who), map[string]any{
		"title": title, "description": "Backups fail nightly", "severity": 2,
	})
	if r.Status != http.StatusCreated {
		t.Fatalf("%s opens a case = %d: %s", who, r.Status, r.Body)
	}
	var out struct{ Case struct{ ID int64 } }
	r.JSON(t, &out)
	return out.Case.ID
}

// postUpdate posts body on the case as who and returns the update's id.
func postUpdate(t *testing.T, w world, who string, caseID int64, body string) int64 {
	t.Helper()
	r := w.Do("POST", fmt.Sprintf("/v1/cases/%d/updates", caseID), w.Token(who), map[string]string{"body": body})
	if r.Status != http.StatusCreated {
		t.Fatalf("%s posts on case %d = %d: %s", who, caseID, r.Status, r.Body)
	}
	var out struct {
		Updates []struct {
			ID     int64
			Author string
			Body   string
		}
	}
	r.JSON(t, &out)
	var id int64
	for _, u := range out.Updates {
		if u.Author == who && u.Body == body && u.ID > id {
			id = u.ID
		}
	}
	if id == 0 {
		t.Fatalf("case %d does not show %s's update: %s", caseID, who, r.Body)
	}
	return id
}

// addParty adds email as an interested party of the case, as who.
func addParty(t *testing.T, w world, who string, caseID int64, email string) {
	t.Helper()
	r := w.Do("POST", fmt.Sprintf("/v1/cases/%d/interested-parties", caseID), w.Token(who), map[string]string{"email": email})
	if r.Status != http.StatusCreated {
		t.Fatalf("%s adds %s to case %d = %d: %s", who, email, caseID, r.Status, r.Body)
	}
}

// setFollowing follows (PUT) or unfollows (DELETE) account 1000001's cases
// as who and returns the status and the following state answered.
func setFollowing(t *testing.T, w world, method, who string) (int, bool) {
	t.Helper()
	r := w.Do(method, "/v1/accounts/1000001/case-following", w.Token(who), nil)
	var out struct {
		CustomerNumber string `json:"customer_number"`
		Following      *bool  `json:"following"`
	}
	if r.Status != http.StatusOK {
		return r.Status, false
	}
	r.JSON(t, &out)
	if out.Following == nil || out.CustomerNumber != "1000001" {
		t.Fatalf("%s %s case-following answered %s", method, who, r.Body)
	}
	return r.Status, *out.Following
}

func follow(t *testing.T, w world, who string) {
	t.Helper()
	if st, on := setFollowing(t, w, "PUT", who); st != http.StatusOK || !on {
		t.Fatalf("%s follows = %d following=%v", who, st, on)
	}
}

// listedFollowing is the "following" of GET /v1/accounts/1000001/cases.
func listedFollowing(t *testing.T, w world, who string) bool {
	t.Helper()
	r := w.Do("GET", "/v1/accounts/1000001/cases", w.Token(who), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("%s lists cases = %d: %s", who, r.Status, r.Body)
	}
	var out struct{ Following *bool }
	r.JSON(t, &out)
	if out.Following == nil {
		t.Fatalf("case list has no following: %s", r.Body)
	}
	return *out.Following
}

// setSupportLevel changes who's support level on 1000001 as admin.
func setSupportLevel(t *testing.T, w world, admin, who, level string) {
	t.Helper()
	r := w.Do("PUT", "/v1/accounts/1000001/support-users/"+who, w.Token(admin), map[string]string{"support_level": level})
	if r.Status != http.StatusOK {
		t.Fatalf("%s sets %s to %s = %d: %s", admin, who, level, r.Status, r.Body)
	}
}

// updateEmails are the outbox rows queued for the case's updates, oldest
// first.
func updateEmails(t *testing.T, w world, caseID int64) []models.OutboxEmail {
	t.Helper()
	var rows []models.OutboxEmail
	if err := w.Runtime.DB.Where("key LIKE ?", fmt.Sprintf("case/%d/update/%%", caseID)).Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// updateEmail is the one outbox row of the update (fails unless exactly one).
func updateEmail(t *testing.T, w world, caseID, updateID int64) models.OutboxEmail {
	t.Helper()
	var rows []models.OutboxEmail
	key := fmt.Sprintf("case/%d/update/%d", caseID, updateID)
	if err := w.Runtime.DB.Where("key = ?", key).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d outbox rows under %s, want 1", len(rows), key)
	}
	return rows[0]
}
