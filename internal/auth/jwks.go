package auth

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

// JWKSOptions configure the RS256 mode.
type JWKSOptions struct {
	// URL is the identity provider's JSON Web Key Set.
	URL      string
	Issuer   string
	Audience string
	// Refresh is how often the key set is fetched again; a key the
	// provider withdraws stops verifying tokens after at most this long,
	// and a verified token is trusted without a new check no longer.
	Refresh time.Duration
	// UnknownKID is the least time between two extra fetches caused by
	// tokens naming a key id the set does not hold (a key the provider
	// has just rotated in); between them such tokens are refused at once.
	UnknownKID time.Duration
	// HTTPTimeout bounds one fetch (default 10s).
	HTTPTimeout time.Duration
	// Log receives the failed fetches.
	Log *slog.Logger
}

// MinRSABits is the smallest RSA modulus a key of the set may have.
const MinRSABits = 2048

// maxJWKSBytes bounds the body of a key-set response.
const maxJWKSBytes = 1 << 20

// NewJWKS returns a Tokens that verifies RS256 tokens against the keys of
// a JWKS, fetched now (a failure is logged, not fatal: the first token
// fetches again), every Refresh, and when a token names an unknown key id
// (at most once per UnknownKID). The algorithm is pinned to RS256: an
// HS256 token "signed" with a public key, alg none, or any other algorithm
// is refused before a key is looked up. Only RSA keys of at least
// MinRSABits whose "use" is sig (or unset) verify. Such a Tokens cannot
// mint. Close (or the end of ctx) stops the refresh.
func NewJWKS(ctx context.Context, o JWKSOptions) (*Tokens, error) {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("token key set: the JWKS URL must be an absolute http(s) URL")
	}
	if o.Refresh <= 0 || o.UnknownKID <= 0 {
		return nil, errors.New("token key set: the refresh intervals must be positive")
	}
	if o.HTTPTimeout <= 0 {
		o.HTTPTimeout = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	ctx, stop := context.WithCancel(ctx)
	noErrorFirst := true
	base, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{o.URL}, keyfunc.Override{
		Client:                    &http.Client{Timeout: o.HTTPTimeout, Transport: limitedBody{http.DefaultTransport}},
		HTTPTimeout:               o.HTTPTimeout,
		NoErrorReturnFirstHTTPReq: &noErrorFirst,
		RefreshInterval:           o.Refresh,
		RefreshUnknownKID:         rate.NewLimiter(rate.Every(o.UnknownKID), 1),
		// A token waits for the limiter at most as long as a fetch may
		// take; when the next fetch is further away it is refused at once.
		RateLimitWaitMax: o.HTTPTimeout,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				o.Log.ErrorContext(ctx, "token key set: fetch failed", "url", u, "error", err)
			}
		},
	})
	if err != nil {
		stop()
		return nil, fmt.Errorf("token key set: %w", err)
	}
	kf, err := keyfunc.New(keyfunc.Options{Ctx: ctx, Storage: base.Storage(), UseWhitelist: []jwkset.USE{jwkset.UseSig, ""}})
	if err != nil {
		stop()
		return nil, fmt.Errorf("token key set: %w", err)
	}
	return &Tokens{
		issuer: o.Issuer, audience: o.Audience,
		parser:   newParser(jwt.SigningMethodRS256, o.Issuer, o.Audience),
		key:      rsaKeys(kf),
		trustFor: o.Refresh,
		stop:     stop,
	}, nil
}

// rsaKeys looks a token's key up in the set and lets only strong RSA keys
// through (a token without a kid is tried against each of them).
func rsaKeys(kf keyfunc.Keyfunc) func(ctx context.Context) jwt.Keyfunc {
	return func(ctx context.Context) jwt.Keyfunc {
		lookup := kf.KeyfuncCtx(ctx)
		return func(tok *jwt.Token) (any, error) {
			// The parser refuses other algorithms before calling this;
			// checked again so that no change there can open it.
			if tok.Method == nil || tok.Method.Alg() != jwt.SigningMethodRS256.Alg() {
				return nil, errors.New("only RS256 is accepted")
			}
			k, err := lookup(tok)
			if err != nil {
				return nil, err
			}
			if set, ok := k.(jwt.VerificationKeySet); ok {
				var strong jwt.VerificationKeySet
				for _, key := range set.Keys {
					if strongRSA(key) {
						strong.Keys = append(strong.Keys, key)
					}
				}
				if len(strong.Keys) == 0 {
					return nil, fmt.Errorf("the key set holds no RSA key of at least %d bits", MinRSABits)
				}
				return strong, nil
			}
			if !strongRSA(k) {
				return nil, fmt.Errorf("the token's key is not an RSA key of at least %d bits", MinRSABits)
			}
			return k, nil
		}
	}
}

func strongRSA(k any) bool {
	pk, ok := k.(*rsa.PublicKey)
	return ok && pk.N != nil && pk.N.BitLen() >= MinRSABits
}

// limitedBody refuses key-set responses larger than maxJWKSBytes (the
// decoder then fails on the truncated JSON).
type limitedBody struct{ next http.RoundTripper }

func (l limitedBody) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := l.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.LimitReader(resp.Body, maxJWKSBytes), resp.Body}
	return resp, nil
}
