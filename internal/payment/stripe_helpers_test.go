package payment_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// seenRequest is what a recording proxy saw of a request to Stripe.
type seenRequest struct {
	Method, Path, IdempotencyKey, Authorization string
	Form                                        url.Values
}

// recorder is a reverse proxy in front of a Stripe API (stripe-mock) that
// records every request.
type recorder struct {
	mu   sync.Mutex
	seen []seenRequest
}

func (r *recorder) requests() []seenRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenRequest(nil), r.seen...)
}

// recordingProxy starts a proxy to target and returns its URL.
func recordingProxy(t *testing.T, target string) (string, *recorder) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if err := req.ParseForm(); err != nil {
			t.Errorf("proxy: %v", err)
		}
		// ParseForm consumed the body: send the form on as it came.
		body := req.PostForm.Encode()
		req.Body = http.NoBody
		if body != "" {
			req.Body = readCloser(body)
		}
		req.ContentLength = int64(len(body))
		rec.mu.Lock()
		rec.seen = append(rec.seen, seenRequest{
			Method: req.Method, Path: req.URL.Path, IdempotencyKey: req.Header.Get("Idempotency-Key"),
			Authorization: req.Header.Get("Authorization"), Form: req.PostForm,
		})
		rec.mu.Unlock()
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, rec
}

// stripeAt is a Stripe gateway at url with a test key.
func stripeAt(t *testing.T, url string) *payment.Stripe {
	t.Helper()
	s, err := payment.NewStripe("sk_test_pao", url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
