package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// noticesPage is GET /v1/sites/:site/notices as the API answers it.
type noticesPage struct {
	Notices []struct {
		Key        string     `json:"key"`
		Notice     string     `json:"notice"`
		Subject    string     `json:"subject"`
		CreatedAt  time.Time  `json:"created_at"`
		State      string     `json:"state"`
		SentAt     *time.Time `json:"sent_at"`
		Attempts   int        `json:"attempts"`
		Recipients []struct {
			Email  string `json:"email"`
			Reason string `json:"reason"`
		} `json:"recipients"`
	} `json:"notices"`
	NextPageToken string `json:"next_page_token"`
}

func (p noticesPage) keys() []string {
	out := make([]string, 0, len(p.Notices))
	for _, n := range p.Notices {
		out = append(out, n.Key)
	}
	return out
}

func getNotices(t *testing.T, a *testenv.App, site, who, query string) noticesPage {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site+"/notices"+query, tokenFor(a, who), nil)
	ok(t, r, http.StatusOK)
	var p noticesPage
	r.JSON(t, &p)
	return p
}

// waitOutbox waits until the outbox has a row under key.
func waitOutbox(t *testing.T, a *testenv.App, key string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int64
		if err := a.Runtime.DB.Raw(`SELECT count(*) FROM outbox WHERE key = ?`, key).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no outbox row %s after 30s", key)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A self-nomination for 300001 and one for 300002 each email their site's
// approvers; 300001's notices list the first with why each approver got
// it (alice is the Primary and holds manage access = update, grace holds
// manage access = update), and never the second, nor mail about the
// account and no site; 300002's list the second and never the first.
// Pages of one go through every notice once, newest first; the email's
// delivery shows (sent, once the sender delivered it). Someone without
// access to the site gets 404, below Contact update = view 403.
func TestNoticesOfASiteSayWhyAndStayOnTheirSite(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	nominate := func(who, customer, site string) string {
		t.Helper()
		r := a.Do("POST", "/v1/nominations", tokenFor(a, who), accessRequest(customer, site, who, "I run the build farm of "+site))
		ok(t, r, http.StatusCreated)
		var v struct {
			ID string `json:"id"`
		}
		r.JSON(t, &v)
		key := "access-request/" + v.ID + "/notify-approvers"
		waitOutbox(t, a, key)
		return key
	}
	keyA := nominate(frank, "1000001", "300001")
	keyB := nominate("newcomer.frankfurt@elsewhere.example.org", "1000001", "300002")

	// Mail about the account and no site (a support case update's, say).
	account := models.OutboxEmail{Key: "notices-test/account-level", Notice: "case_update", Subject: "ACCOUNT-LEVEL-7c1",
		TextBody: "x", HTMLBody: "x", NextAttemptAt: time.Now().Add(time.Hour)}
	if err := account.SetRecipients([]models.Recipient{{Email: alice, Reason: "case update → owner of the case"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&account).Error; err != nil {
		t.Fatal(err)
	}

	pa := getNotices(t, a, "300001", alice, "")
	if !slices.Contains(pa.keys(), keyA) || slices.Contains(pa.keys(), keyB) || slices.Contains(pa.keys(), account.Key) {
		t.Fatalf("300001's notices %v: want %s, never %s nor %s", pa.keys(), keyA, keyB, account.Key)
	}
	want := map[string]string{
		alice: "self-nomination → approver: Primary Contact of site 300001 and manage access = update on site 300001",
		grace: "self-nomination → approver: manage access = update on site 300001",
	}
	for _, n := range pa.Notices {
		if len(n.Recipients) == 0 || n.Notice == "" || n.Subject == "" || n.CreatedAt.IsZero() || n.State == "" {
			t.Errorf("notice %+v lacks a field", n)
		}
		for _, r := range n.Recipients {
			if r.Email == "" || r.Reason == "" {
				t.Errorf("notice %s: recipient %+v without a reason", n.Key, r)
			}
		}
		if n.Key != keyA {
			continue
		}
		if n.Notice != "request_new" || !strings.Contains(n.Subject, "300001") {
			t.Errorf("notice %s: %s %q", n.Key, n.Notice, n.Subject)
		}
		got := map[string]string{}
		for _, r := range n.Recipients {
			got[r.Email] = r.Reason
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("notice %s recipients:\n  %q\nwant\n  %q", n.Key, got, want)
		}
	}

	pb := getNotices(t, a, "300002", heidi, "")
	if !slices.Contains(pb.keys(), keyB) || slices.Contains(pb.keys(), keyA) || slices.Contains(pb.keys(), account.Key) {
		t.Fatalf("300002's notices %v: want %s, never %s nor %s", pb.keys(), keyB, keyA, account.Key)
	}
	for _, n := range pb.Notices {
		for _, r := range n.Recipients {
			if strings.Contains(r.Reason, "300001") {
				t.Errorf("300002's notice %s names 300001: %+v", n.Key, r)
			}
		}
	}

	// Pages of one: every notice once, newest first.
	var paged []string
	token := ""
	for i := 0; ; i++ {
		q := "?limit=1"
		if token != "" {
			q += "&page_token=" + token
		}
		p := getNotices(t, a, "300001", alice, q)
		if len(p.Notices) > 1 || i > len(pa.Notices)+1 {
			t.Fatalf("page %d: %d notices (%d pages so far)", i, len(p.Notices), i)
		}
		paged = append(paged, p.keys()...)
		if token = p.NextPageToken; token == "" {
			break
		}
	}
	if !slices.Equal(paged, pa.keys()) {
		t.Errorf("paged %v, listed %v", paged, pa.keys())
	}
	var ids []int64
	if err := db.Raw(`SELECT id FROM outbox WHERE site_id = (SELECT id FROM sites WHERE site_number = '300001') ORDER BY id DESC`).Scan(&ids).Error; err != nil || len(ids) != len(pa.Notices) {
		t.Errorf("300001 has %d outbox rows, the list %d (%v)", len(ids), len(pa.Notices), err)
	}

	// Delivered: the mail sink takes it, the list says sent.
	deadline := time.Now().Add(30 * time.Second)
	for {
		p := getNotices(t, a, "300001", alice, "")
		i := slices.Index(p.keys(), keyA)
		if i >= 0 && p.Notices[i].State == "sent" && p.Notices[i].SentAt != nil && p.Notices[i].Attempts >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("notice %s not sent after 30s: %+v", keyA, p.Notices)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Who may not see them.
	for _, who := range []string{heidi, budi, frank} {
		if r := a.Do("GET", "/v1/sites/300001/notices", tokenFor(a, who), nil); r.Status != http.StatusNotFound || strings.Contains(string(r.Body), keyA) {
			t.Errorf("GET 300001's notices as %s = %d, want 404: %s", who, r.Status, r.Body)
		}
	}
	if r := a.Do("GET", "/v1/sites/300001/notices", tokenFor(a, erin), nil); r.Status != http.StatusForbidden || strings.Contains(string(r.Body), keyA) {
		t.Errorf("GET 300001's notices as erin (no contact update) = %d, want 403: %s", r.Status, r.Body)
	}
	for _, q := range []string{"?limit=0", "?limit=201", "?limit=x", "?page_token=-1", "?page_token=%21%21", "?page_token=zzzzzzzzzzzzzzzz"} {
		r := a.Do("GET", "/v1/sites/300001/notices"+q, tokenFor(a, alice), nil)
		field := strings.TrimPrefix(strings.SplitN(q, "=", 2)[0], "?")
		if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !strings.Contains(fmt.Sprint(p), field) {
			t.Errorf("GET notices%s: the problem does not name %s: %s", q, field, r.Body)
		}
	}
}

// A case update is mail about the account: recorded with the reason of
// each recipient (bob opened the case, grace was added to it; alice, who
// posts, is not told) and no site, so no site lists it.
func TestCaseUpdateEmailSaysWhyAndIsNoSitesNotice(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	r := a.Do("POST", "/v1/accounts/1000001/cases", tokenFor(a, bob), map[string]any{"title": "Db2 outage", "description": "details", "severity": 2})
	ok(t, r, http.StatusCreated)
	var c struct {
		Case struct {
			ID int64 `json:"id"`
		} `json:"case"`
	}
	r.JSON(t, &c)
	id := fmt.Sprint(c.Case.ID)
	ok(t, a.Do("POST", "/v1/cases/"+id+"/interested-parties", tokenFor(a, alice), map[string]any{"email": grace}), http.StatusCreated)
	ok(t, a.Do("POST", "/v1/cases/"+id+"/updates", tokenFor(a, alice), map[string]any{"body": "restarted the cluster"}), http.StatusCreated)
	var rows []models.OutboxEmail
	if err := a.Runtime.DB.Where("key LIKE ?", "case/"+id+"/update/%").Find(&rows).Error; err != nil || len(rows) != 1 {
		t.Fatalf("case update emails: %d rows, %v", len(rows), err)
	}
	why, err := rows[0].Reasons()
	if err != nil {
		t.Fatal(err)
	}
	want := []models.Recipient{{Email: bob, Reason: "case update → owner of the case"}, {Email: grace, Reason: "case update → interested party of the case"}}
	if rows[0].SiteID != nil || !slices.Equal(why, want) {
		t.Errorf("case update email: site %v, reasons %+v; want no site, %+v", rows[0].SiteID, why, want)
	}
	for _, n := range getNotices(t, a, "300001", alice, "").Notices {
		if strings.HasPrefix(n.Key, "case/") {
			t.Errorf("300001's notices list the case update %s", n.Key)
		}
	}
}
