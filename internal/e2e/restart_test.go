package e2e_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestTemporalRestartLosesNothing stops the Temporal server while a request
// waits for its decision and starts it again: the request is still there,
// the decision completes, and the privileges are granted.
func TestTemporalRestartLosesNothing(t *testing.T) {
	ts := testenv.OwnTemporal(t)
	w := startWorld(t, nil, testenv.Options{Temporal: ts})
	v := nominate(t, w, frank, "300001")
	w.waitMail(t, 1, 20*time.Second)

	w.StopWorker()
	if err := ts.Stop(); err != nil {
		t.Fatal(err)
	}
	// While Temporal is down the API says so, and reads still work.
	if r := w.Do("GET", "/readyz", "", nil); r.Status != http.StatusServiceUnavailable || !strings.Contains(string(r.Body), "temporal") {
		t.Fatalf("readyz with temporal down = %d %s", r.Status, r.Body)
	}
	if r := w.Do("GET", "/v1/nominations/"+v.ID, w.Token(frank), nil); r.Status != http.StatusOK {
		t.Fatalf("read with temporal down = %d %s", r.Status, r.Body)
	}
	if err := ts.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.StartWorker()
	if r := w.WaitReady(60 * time.Second); r.Status != http.StatusOK {
		t.Fatalf("readyz after restart = %d %s", r.Status, r.Body)
	}
	r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(alice), map[string]any{
		"decision": "approve", "privileges": map[string]string{"software": "downloads"},
	})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"approved"`) {
		t.Fatalf("decision after restart = %d %s", r.Status, r.Body)
	}
	if me := w.Do("GET", "/v1/me", w.Token(frank), nil); !strings.Contains(string(me.Body), `"software":"downloads"`) {
		t.Fatalf("me = %s", me.Body)
	}
	msgs := w.waitMail(t, 2, 20*time.Second)
	if len(msgs) != 2 {
		t.Fatalf("emails = %v", subjects(msgs))
	}
}
