package api

import (
	"strings"
	"sync"

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
	p, err := s.tokens.Verify(strings.TrimSpace(token))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="pao", error="invalid_token"`)
		writeProblem(c, Unauthorized("the bearer token is invalid or expired"))
		return false
	}
	c.Set(ctxPrincipal, p)
	u, ok := s.users.get(p.Email)
	if !ok {
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
