package codecserver_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/codecserver"
	"github.com/pao/pao/internal/temporalx"
)

const (
	uiOrigin = "http://localhost:8233"
	secret   = "a-codec-secret-of-at-least-32-bytes-0123"
)

// fixture is a codec server with its own key, the API's tokens and a
// shared secret, as `pao codec` runs it with real keys.
type fixture struct {
	url    string
	codec  *temporalx.Codec
	tokens *auth.Tokens
}

func newFixture(t *testing.T, anonymous bool) *fixture {
	t.Helper()
	codec, err := temporalx.NewCodecFrom("k1:" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32)))
	if err != nil {
		t.Fatal(err)
	}
	tokens := auth.New("a-token-secret-of-at-least-32-bytes-0123456", "pao-test", "pao-api", time.Hour)
	srv := httptest.NewServer(codecserver.New(codecserver.Options{
		Codec: codec, Verify: tokens.VerifyContext, Secret: secret,
		Origins: []string{uiOrigin, "http://127.0.0.1:8233"}, Anonymous: anonymous,
	}))
	t.Cleanup(srv.Close)
	return &fixture{url: srv.URL, codec: codec, tokens: tokens}
}

// token mints a token for email with roles.
func (f *fixture) token(t *testing.T, email string, roles ...string) string {
	t.Helper()
	tok, err := f.tokens.Mint(email, roles, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// sealed is the body Temporal UI posts to /decode: a payload as stored
// (encrypted by the codec), in protobuf JSON.
func (f *fixture) sealed(t *testing.T, data string) string {
	t.Helper()
	enc, err := f.codec.Encode([]*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(data)}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(map[string]any{"payloads": enc})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// call sends method path with body and headers (as the UI's fetch does).
func (f *fixture) call(t *testing.T, method, path, body string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// uiHeaders are the headers of Temporal UI's decode request, plus auth
// ("" for none).
func uiHeaders(authorization string) map[string]string {
	h := map[string]string{"Content-Type": "application/json", "X-Namespace": "default", "Origin": uiOrigin}
	if authorization != "" {
		h["Authorization"] = authorization
	}
	return h
}

// decoded reads a /decode answer: the payloads' data.
func decoded(t *testing.T, body string) []string {
	t.Helper()
	var out struct {
		Payloads []struct {
			Metadata map[string]string `json:"metadata"`
			Data     string            `json:"data"`
		} `json:"payloads"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("decode answer %s: %v", body, err)
	}
	var data []string
	for _, p := range out.Payloads {
		b, err := base64.StdEncoding.DecodeString(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		if enc, _ := base64.StdEncoding.DecodeString(p.Metadata["encoding"]); string(enc) != "json/plain" {
			t.Errorf("decoded payload's encoding %q", enc)
		}
		data = append(data, string(b))
	}
	return data
}
