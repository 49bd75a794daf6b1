package codecserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/internal/auth"
)

// Temporal UI's request — POST /decode, a protobuf-JSON Payloads body,
// X-Namespace, its origin, an ibm-ops bearer — is answered with the
// payloads decrypted and the CORS headers the browser needs to read them.
func TestDecodesTheUIRequest(t *testing.T) {
	f := newFixture(t, false)
	body := f.sealed(t, `{"email":"alice@acme.example.com"}`)
	resp, out := f.call(t, "POST", "/decode", body, uiHeaders("Bearer "+f.token(t, "ops@ibm.example.com", auth.RoleIBMOps)))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
	if got := decoded(t, out); len(got) != 1 || got[0] != `{"email":"alice@acme.example.com"}` {
		t.Fatalf("decoded %q", got)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != uiOrigin {
		t.Errorf("Access-Control-Allow-Origin %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
}

// Only the last path element counts (the protocol lets a proxy mount the
// codec under a prefix), and /encode seals what /decode opens.
func TestEncodeAndDecodeUnderAPrefix(t *testing.T) {
	f := newFixture(t, false)
	auth := map[string]string{"Authorization": "Bearer " + secret, "Content-Type": "application/json"}
	plain := `{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"eyJxdW90ZSI6IlEtMjAyNi0wMDAxIn0="}]}`
	resp, sealed := f.call(t, "POST", "/codec/default/encode", plain, auth)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("encode: %d %s", resp.StatusCode, sealed)
	}
	if want := "YmluYXJ5L2VuY3J5cHRlZA=="; !strings.Contains(sealed, want) { // binary/encrypted
		t.Fatalf("encode answered %s", sealed)
	}
	resp, out := f.call(t, "POST", "/codec/default/decode", sealed, auth)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("decode: %d %s", resp.StatusCode, out)
	}
	if got := decoded(t, out); len(got) != 1 || got[0] != `{"quote":"Q-2026-0001"}` {
		t.Fatalf("round trip gave %q", got)
	}
}
