package api

import (
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

const (
	ctxPrincipal = "pao.principal"
	ctxUser      = "pao.user"
)

// PrincipalOf is the authenticated caller's token identity.
func PrincipalOf(c *gin.Context) auth.Principal {
	p, _ := principalOf(c)
	return p
}

func principalOf(c *gin.Context) (auth.Principal, bool) {
	v, ok := c.Get(ctxPrincipal)
	if !ok {
		return auth.Principal{}, false
	}
	p, ok := v.(auth.Principal)
	return p, ok
}

// Caller is the authenticated caller: their user id and email.
func Caller(c *gin.Context) models.User {
	v, _ := c.Get(ctxUser)
	u, _ := v.(models.User)
	return u
}

// Actor is the caller as the audit log records them.
func Actor(c *gin.Context) accounts.Actor {
	return accounts.Actor{Email: Caller(c).Email, RequestID: RequestID(c)}
}

// authenticate is the /v1 middleware form of authn.
func (s *Server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.authn(c) {
			c.Next()
		}
	}
}

// authn verifies the bearer token and loads (or creates) the user; on
// failure it writes the 401 problem and returns false.
func (s *Server) authn(c *gin.Context) bool {
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if h == "" {
		c.Header("WWW-Authenticate", `Bearer realm="pao"`)
		writeProblem(c, Unauthorized("missing bearer token"))
		return false
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		c.Header("WWW-Authenticate", `Bearer realm="pao", error="invalid_request"`)
		writeProblem(c, Unauthorized("the Authorization header must be 'Bearer <token>'"))
		return false
	}
	token = strings.TrimSpace(token)
	p, ok := s.verified.get(token)
	if !ok {
		var err error
		if p, err = s.tokens.VerifyContext(c.Request.Context(), token); err != nil {
			c.Header("WWW-Authenticate", `Bearer realm="pao", error="invalid_token"`)
			writeProblem(c, Unauthorized("the bearer token is invalid or expired"))
			return false
		}
		s.verified.put(token, p)
	}
	c.Set(ctxPrincipal, p)
	u, ok := s.users.get(p.Email)
	if !ok {
		var err error
		if u, err = accounts.EnsureUser(s.db.WithContext(c), p.Email); err != nil {
			Fail(c, err)
			return false
		}
		u = s.users.put(u)
	}
	c.Set(ctxUser, u)
	return true
}

// userCache remembers users by email. A user's id and email never change
// and users are never deleted, so an entry cannot go stale; privileges are
// not cached (they are read on every request, so a revocation takes effect
// at once). Bounded: it starts afresh when full.
type userCache struct {
	mu    sync.RWMutex
	max   int
	users map[string]models.User
}

func newUserCache(max int) *userCache {
	return &userCache{max: max, users: make(map[string]models.User, max)}
}

func (uc *userCache) get(email string) (models.User, bool) {
	uc.mu.RLock()
	defer uc.mu.RUnlock()
	u, ok := uc.users[email]
	return u, ok
}

func (uc *userCache) put(u models.User) models.User {
	u = models.User{ID: u.ID, Email: u.Email}
	uc.mu.Lock()
	defer uc.mu.Unlock()
	if len(uc.users) >= uc.max {
		clear(uc.users)
	}
	uc.users[u.Email] = u
	return u
}

// tokenCache remembers tokens whose signature and claims were verified,
// until the principal's Expires (the exp claim; with a JWKS, at most one
// key-set refresh interval, so a key the provider withdraws stops
// verifying cached tokens too): a token is immutable, so the same string
// verifies the same way until then, and verifying it again (HMAC or RSA
// and claims JSON) is most of an authenticated read's own CPU. An expired
// entry is never served (the token is verified again). Bounded: it starts
// afresh when full.
type tokenCache struct {
	mu     sync.RWMutex
	max    int
	now    func() time.Time
	tokens map[string]auth.Principal
}

func newTokenCache(max int, now func() time.Time) *tokenCache {
	return &tokenCache{max: max, now: now, tokens: make(map[string]auth.Principal, max)}
}

func (tc *tokenCache) get(token string) (auth.Principal, bool) {
	tc.mu.RLock()
	p, ok := tc.tokens[token]
	tc.mu.RUnlock()
	if !ok || !tc.now().Before(p.Expires) {
		return auth.Principal{}, false
	}
	return p, true
}

func (tc *tokenCache) put(token string, p auth.Principal) {
	if p.Expires.IsZero() {
		return
	}
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if len(tc.tokens) >= tc.max {
		clear(tc.tokens)
	}
	tc.tokens[token] = p
}
