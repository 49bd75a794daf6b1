// Package codecserver serves the payload codec over HTTP, so Temporal UI
// (from the operator's browser) and the temporal CLI (--codec-endpoint)
// show decrypted payloads: Temporal's remote codec protocol (POST …/decode
// and …/encode with a protobuf-JSON Payloads body, the namespace in
// X-Namespace), CORS for the UI's origins, and authentication by a bearer
// token with the ibm-ops role or a shared secret.
package codecserver

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/converter"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/auth"
)

// DefaultMaxBodyBytes bounds a request body: Temporal refuses payloads
// over 2 MB, and a request carries a few.
const DefaultMaxBodyBytes = 8 << 20

// Options configure the codec server.
type Options struct {
	// Codec decodes and encodes the payloads.
	Codec converter.PayloadCodec
	// Verify checks a bearer token (the API's); its principal needs the
	// ibm-ops role. Nil: tokens are not accepted (only Secret).
	Verify func(ctx context.Context, token string) (auth.Principal, error)
	// Secret, when set, is accepted as the bearer (the temporal CLI's
	// --codec-auth "Bearer <secret>", or a proxy in front of the UI).
	Secret string
	// Origins are the browser origins allowed to call (Temporal UI's);
	// a request from another origin is refused.
	Origins []string
	// Anonymous lets a request without credentials through. Only for a
	// codec whose keys are all public (the built-in development key):
	// what it decrypts, anyone can decrypt.
	Anonymous bool
	// MaxBodyBytes bounds a request body (DefaultMaxBodyBytes if 0).
	MaxBodyBytes int64
	// Log receives a line per request (never a payload, a token or an
	// email): at debug level, a refusal at info.
	Log *slog.Logger
}

// Allowed request headers: the UI sends Content-Type and X-Namespace, and
// Authorization when "Pass access token" is on.
const allowHeaders = "Authorization, Content-Type, X-Namespace"

// server is the handler built from Options.
type server struct {
	o      Options
	codecs http.Handler
}

// New returns the codec server's handler.
func New(o Options) http.Handler {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &server{o: o, codecs: converter.NewPayloadCodecHTTPHandler(o.Codec)}
}

// ServeHTTP routes: CORS preflight, /healthz, and POST …/decode or
// …/encode (only the last path element counts, per the protocol).
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	who := s.serve(rec, r)
	level := slog.LevelDebug // the UI asks once per payload it shows
	if rec.status >= 400 {
		level = slog.LevelInfo
	}
	s.o.Log.LogAttrs(r.Context(), level, "codec request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("namespace", r.Header.Get("X-Namespace")), slog.String("origin", r.Header.Get("Origin")),
		slog.String("auth", who), slog.Int("status", rec.status))
}

// serve answers r and says how it was authenticated (for the log).
func (s *server) serve(w http.ResponseWriter, r *http.Request) string {
	origin := r.Header.Get("Origin")
	if origin != "" && !slices.Contains(s.o.Origins, origin) {
		s.writeProblem(w, r, api.Forbidden("origin "+origin+" may not call the codec (PAO_CODEC_CORS_ORIGINS)"))
		return "-"
	}
	if origin != "" {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Add("Vary", "Origin")
	}
	if r.Method == http.MethodOptions {
		s.preflight(w, r)
		return "-"
	}
	if r.URL.Path == "/healthz" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		w.WriteHeader(http.StatusOK)
		return "-"
	}
	if !strings.HasSuffix(r.URL.Path, "/decode") && !strings.HasSuffix(r.URL.Path, "/encode") {
		s.writeProblem(w, r, api.NotFound("the codec serves POST …/decode and …/encode"))
		return "-"
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		s.writeProblem(w, r, &api.Problem{Type: api.ProblemBase + "method-not-allowed", Title: "Method Not Allowed",
			Status: http.StatusMethodNotAllowed, Detail: "use POST"})
		return "-"
	}
	who, p := s.authenticate(r)
	if p != nil {
		if p.Status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pao-codec"`)
		}
		s.writeProblem(w, r, p)
		return who
	}
	if r.ContentLength > s.o.MaxBodyBytes {
		s.writeProblem(w, r, &api.Problem{Type: api.ProblemBase + "too-large", Title: "Request Entity Too Large",
			Status: http.StatusRequestEntityTooLarge, Detail: "the body is over the codec's limit"})
		return who
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.o.MaxBodyBytes)
	pw := &problemWriter{ResponseWriter: w}
	s.codecs.ServeHTTP(pw, r)
	if pw.failed != 0 {
		// The SDK's handler answers a refusal as plain text; the caller
		// (authenticated by now) gets a problem naming the payloads and,
		// for a payload refused, the codec's reason (it never quotes
		// data).
		s.o.Log.InfoContext(r.Context(), "codec: request refused", "status", pw.failed, "error", strings.TrimSpace(pw.text.String()))
		s.writeProblem(w, r, codecProblem(pw.failed, strings.TrimSpace(pw.text.String())))
	}
	return who
}

// codecProblem is the problem for a refusal of the SDK's codec handler
// (status, and the handler's text: the codec's reason for a payload).
func codecProblem(status int, reason string) *api.Problem {
	switch status {
	case http.StatusBadRequest:
		detail := `must be {"payloads": [...]} of payloads this codec can read (a known key, intact ciphertext)`
		if strings.Contains(reason, "payload") && utf8.ValidString(reason) && len(reason) < 300 {
			detail += ": " + reason
		}
		return api.Invalid(api.FieldError{Field: "payloads", Detail: detail})
	case http.StatusRequestEntityTooLarge:
		return &api.Problem{Type: api.ProblemBase + "too-large", Title: "Request Entity Too Large",
			Status: http.StatusRequestEntityTooLarge, Detail: "the body is over the codec's limit"}
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return api.NotFound("the codec serves POST …/decode and …/encode")
	default:
		return &api.Problem{Type: api.ProblemBase + "internal", Title: "Internal Server Error",
			Status: http.StatusInternalServerError, Detail: "the codec failed; the log has the error"}
	}
}

// problemWriter passes a success through and holds back a refusal (status
// and text) for serve to answer as a problem.
type problemWriter struct {
	http.ResponseWriter
	failed int
	text   strings.Builder
}

func (p *problemWriter) WriteHeader(code int) {
	if code >= http.StatusBadRequest {
		p.failed = code
		return
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *problemWriter) Write(b []byte) (int, error) {
	if p.failed != 0 {
		if p.text.Len() < 512 {
			p.text.Write(b[:min(len(b), 512)])
		}
		return len(b), nil
	}
	return p.ResponseWriter.Write(b)
}

// preflight answers a CORS preflight (never authenticated: browsers send
// no credentials with it).
func (s *server) preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if r.Header.Get("Origin") == "" {
		s.writeProblem(w, r, api.Forbidden("a preflight names its Origin"))
		return
	}
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", allowHeaders)
	h.Set("Access-Control-Max-Age", "600")
	if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
		h.Set("Access-Control-Allow-Private-Network", "true")
	}
	w.WriteHeader(http.StatusNoContent)
}

// authenticate checks the bearer: the shared secret, or a token whose
// principal has the ibm-ops role. It returns how (for the log) and, when
// refused, the problem to answer.
func (s *server) authenticate(r *http.Request) (string, *api.Problem) {
	h := r.Header.Get("Authorization")
	if h == "" {
		if s.o.Anonymous {
			return "anonymous (public development key)", nil
		}
		return "none", api.Unauthorized("the codec needs a bearer token with the ibm-ops role, or the codec secret")
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "malformed", api.Unauthorized("the Authorization header must be `Bearer <token>`")
	}
	tok = strings.TrimSpace(tok)
	if s.o.Secret != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.o.Secret)) == 1 {
		return "secret", nil
	}
	if s.o.Verify == nil {
		return "invalid", api.Unauthorized("not the codec secret")
	}
	pr, err := s.o.Verify(r.Context(), tok)
	if err != nil {
		return "invalid", api.Unauthorized("the token is neither valid nor the codec secret")
	}
	if !pr.HasRole(auth.RoleIBMOps) {
		return "token without ibm-ops", api.Forbidden("decrypting payloads needs the ibm-ops role")
	}
	return "ibm-ops token", nil
}

// writeProblem answers p as problem+json.
func (s *server) writeProblem(w http.ResponseWriter, r *http.Request, p *api.Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	if err := json.NewEncoder(w).Encode(p); err != nil {
		s.o.Log.DebugContext(r.Context(), "codec: write the problem", "error", err)
	}
}

// recorder keeps the status a handler wrote, for the log line.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
