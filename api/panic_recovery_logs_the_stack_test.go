package api_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/testenv"
)

// TestPanicRecoveryLogsTheStack: a panic is logged with the stack of the
// goroutine that panicked (naming the function that panicked) and the
// panic value, an email in it masked.
func TestPanicRecoveryLogsTheStack(t *testing.T) {
	var logs lockedBuffer
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Log: &logs})
	srv := a.Runtime.API()
	srv.Engine().GET("/boom", panicsForBob)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", resp.StatusCode)
	}
	var line map[string]any
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l map[string]any
		if json.Unmarshal(sc.Bytes(), &l) == nil && l["msg"] == "panic recovered" {
			line = l
		}
	}
	if line == nil {
		t.Fatalf("no 'panic recovered' line in:\n%s", logs.String())
	}
	stack, _ := line["stack"].(string)
	if !strings.Contains(stack, "api_test.panicsForBob") || !strings.Contains(stack, "panic_recovery_logs_the_stack_test.go") {
		t.Errorf("stack does not name the panicking function:\n%s", stack)
	}
	if line["panic"] != "kaboom for [email]" || line["route"] != "/boom" {
		t.Errorf("panic line = %v", line)
	}
	if strings.Contains(logs.String(), "bob@example.com") {
		t.Error("the log carries the email of the panic value")
	}
}

func panicsForBob(*gin.Context) { panic("kaboom for bob@example.com") }
