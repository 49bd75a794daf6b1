package codecserver_test

import (
	"net/http"
	"strings"
	"testing"
)

// GET on an endpoint is 405, another path 404, a body that is not
// Payloads JSON 400, a body over the limit 413; /healthz answers.
func TestRefusesWhatIsNotTheProtocol(t *testing.T) {
	f := newFixture(t, false)
	h := map[string]string{"Authorization": "Bearer " + secret}
	if resp, _ := f.call(t, "GET", "/decode", "", h); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /decode: %d", resp.StatusCode)
	}
	if resp, _ := f.call(t, "POST", "/other", "{}", h); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /other: %d", resp.StatusCode)
	}
	if resp, _ := f.call(t, "POST", "/decode", `{"payloads":"nope"}`, h); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad body: %d", resp.StatusCode)
	}
	if resp, _ := f.call(t, "POST", "/decode", strings.Repeat(" ", 9<<20), h); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 9 MiB body: %d", resp.StatusCode)
	}
	if resp, _ := f.call(t, "GET", "/healthz", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: %d", resp.StatusCode)
	}
}

// A tampered payload is refused with the reason, not decoded.
func TestRefusesATamperedPayload(t *testing.T) {
	f := newFixture(t, false)
	body := f.sealed(t, `"x"`)
	// Change one base64 character of the data (the last field).
	i := strings.LastIndex(body, `"data":"`) + len(`"data":"`) + 20
	c := byte('A')
	if body[i] == 'A' {
		c = 'B'
	}
	tampered := body[:i] + string(c) + body[i+1:]
	resp, out := f.call(t, "POST", "/decode", tampered, map[string]string{"Authorization": "Bearer " + secret})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(out, "does not authenticate") {
		t.Fatalf("tampered: %d %s", resp.StatusCode, out)
	}
}

// A refusal of the codec is problem+json naming the payloads, like every
// other error of the product, not the SDK handler's plain text.
func TestRefusalsAreProblems(t *testing.T) {
	f := newFixture(t, false)
	resp, out := f.call(t, "POST", "/decode", `{"payloads":"nope"}`, map[string]string{"Authorization": "Bearer " + secret})
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusBadRequest || ct != "application/problem+json" ||
		!strings.Contains(out, `"field":"payloads"`) {
		t.Fatalf("a bad body: %d %s %s", resp.StatusCode, ct, out)
	}
}
