package codecserver_test

import (
	"net/http"
	"strings"
	"testing"
)

// The browser's CORS preflight (no credentials) is answered for the UI's
// origin with the method and the headers the UI sends; another origin is
// refused and gets no CORS headers.
func TestAnswersTheUIPreflight(t *testing.T) {
	f := newFixture(t, false)
	pre := map[string]string{"Origin": "http://127.0.0.1:8233", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "authorization,content-type,x-namespace"}
	resp, body := f.call(t, "OPTIONS", "/decode", "", pre)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("preflight %d: %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "http://127.0.0.1:8233" {
		t.Errorf("Access-Control-Allow-Origin %q", got)
	}
	if !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("Access-Control-Allow-Methods %q", resp.Header.Get("Access-Control-Allow-Methods"))
	}
	allowed := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers"))
	for _, h := range []string{"x-namespace", "authorization", "content-type"} {
		if !strings.Contains(allowed, h) {
			t.Errorf("Access-Control-Allow-Headers %q lacks %s", allowed, h)
		}
	}

	pre["Origin"] = "https://evil.example.com"
	resp, _ = f.call(t, "OPTIONS", "/decode", "", pre)
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("another origin's preflight: %d, Allow-Origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
}

// A request from an origin not configured is refused, whatever its
// credentials.
func TestRefusesAnotherOrigin(t *testing.T) {
	f := newFixture(t, false)
	h := uiHeaders("Bearer " + secret)
	h["Origin"] = "https://evil.example.com"
	resp, body := f.call(t, "POST", "/decode", f.sealed(t, `"x"`), h)
	if resp.StatusCode != http.StatusForbidden || strings.Contains(body, `"x"`) {
		t.Fatalf("another origin: %d %s", resp.StatusCode, body)
	}
}
