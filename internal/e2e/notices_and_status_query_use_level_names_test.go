package e2e_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// outboxText is the plain-text body queued under the request's notice key.
func outboxText(t *testing.T, w world, requestID, step string) string {
	t.Helper()
	var rows []models.OutboxEmail
	if err := w.Runtime.DB.Where("key = ?", accessrequest.NoticeKey(requestID, step)).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d outbox rows for %s", len(rows), step)
	}
	return rows[0].TextBody
}

// Over the whole stack (issue 8, item 8): the approvers' email says when
// the request expires in days and as a date, the requester's approval
// lists tools and levels as a person reads them, and the workflow's status
// query, asked through the Temporal server, names the levels as the API
// does.
func TestNoticesAndStatusQueryUseLevelNames(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	v := nominate(t, w, frank, "300001")
	w.waitMail(t, 1, 20*time.Second)

	var created time.Time
	if err := w.Runtime.DB.Table("access_requests").Select("created_at").Where("id = ?", v.ID).Scan(&created).Error; err != nil {
		t.Fatal(err)
	}
	text := outboxText(t, w, v.ID, "notify-approvers")
	// PAO_REQUEST_EXPIRE_AFTER defaults to 336h.
	want := "It expires in 14 days (by " + created.Add(336*time.Hour).UTC().Format("2 January 2006, 15:04 UTC") + ") if nobody decides."
	if !strings.Contains(text, want) || strings.Contains(text, "336h") {
		t.Fatalf("approvers' email does not say %q:\n%s", want, text)
	}

	r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(alice), map[string]any{
		"decision": "approve", "privileges": map[string]string{"software": "downloads_media", "reporting": "view"},
	})
	if r.Status != http.StatusOK {
		t.Fatalf("approve = %d %s", r.Status, r.Body)
	}
	// The API keeps its names.
	var decided reqView
	r.JSON(t, &decided)
	if decided.Granted["software"] != "downloads_media" || decided.Granted["reporting"] != "view" {
		t.Fatalf("API granted = %v", decided.Granted)
	}
	w.waitMail(t, 2, 20*time.Second)
	text = outboxText(t, w, v.ID, "notify-requester-approved")
	for _, s := range []string{"- Software & services: downloads and media\n", "- Reporting: view"} {
		if !strings.Contains(text, s) {
			t.Errorf("approval email lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "downloads_media") {
		t.Errorf("approval email shows the API spelling:\n%s", text)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := w.Runtime.Temporal.QueryWorkflow(ctx, v.WorkflowID, runIDOf(t, w, v.ID), accessrequest.QueryStatus)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	var raw json.RawMessage
	if err := res.Get(&raw); err != nil {
		t.Fatal(err)
	}
	var q struct {
		Status  string         `json:"status"`
		Granted map[string]any `json:"granted"`
	}
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Fatalf("query answer %s: %v", raw, err)
	}
	if q.Status != "approved" || len(q.Granted) != len(decided.Granted) {
		t.Fatalf("query = %s, API granted %v", raw, decided.Granted)
	}
	for tool, name := range decided.Granted {
		if q.Granted[tool] != name {
			t.Errorf("query granted %s = %#v, API %q (query %s)", tool, q.Granted[tool], name, raw)
		}
	}
}
