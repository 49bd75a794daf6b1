package api

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

const (
	ctxPrincipal = "pao.principal"
	ctxUser      = "pao.user"
	ctxSite      = "pao.site"
	ctxNeed      = "pao.need"
	ctxAccount   = "pao.account"
)

type needKind int

const (
	needSignedIn needKind = iota + 1 // any authenticated user
	needStaff                        // an IBM-side role
	needSite                         // a tool level on the route's :site
	needResource                     // a tool level on the site the handler's resource belongs to
	needAccount                      // a support level on the route's :customer, or the resource's account
)

// Need is the requirement a route declares: every /v1 route has one.
type Need struct {
	kind  needKind
	Tool  models.Tool
	Level models.Level
	Roles []string
	// Support is the D1 support level an account route needs.
	Support models.SupportLevel
}

// OnAccount: support level on the customer account named by the route's
// :customer or, without one, on the account of the resource the handler
// loads (the handler calls Server.authorizeAccount).
func OnAccount(l models.SupportLevel) Need { return Need{kind: needAccount, Support: l} }

// SignedIn: any authenticated user (their own data only).
func SignedIn() Need { return Need{kind: needSignedIn} }

// Staff: one of the IBM-side roles.
func Staff(roles ...string) Need { return Need{kind: needStaff, Roles: roles} }

// OnSite: tool at level on the site named by the route's :site.
func OnSite(t models.Tool, l models.Level) Need { return Need{kind: needSite, Tool: t, Level: l} }

// OnResource: tool at level on the site of the resource the handler loads;
// the handler calls Server.authorizeSite with that site.
func OnResource(t models.Tool, l models.Level) Need {
	return Need{kind: needResource, Tool: t, Level: l}
}

// String describes the requirement (for docs and errors).
func (n Need) String() string {
	switch n.kind {
	case needSignedIn:
		return "signed in"
	case needStaff:
		return "role " + strings.Join(n.Roles, " or ")
	case needSite, needResource:
		if n.Level == models.LevelNone {
			return "access to the site"
		}
		return fmt.Sprintf("%s >= %s on the site", n.Tool, models.LevelName(n.Tool, n.Level))
	case needAccount:
		return fmt.Sprintf("support access >= %s on the account", n.Support)
	}
	return "undeclared"
}

// Declared reports whether the requirement was set by a constructor.
func (n Need) Declared() bool { return n.kind != 0 }

type handler func(c *gin.Context) error

// route registers a /v1 route with its requirement.
func (s *Server) route(g *gin.RouterGroup, method, path string, need Need, h handler) {
	s.routes[method+" "+g.BasePath()+path] = need
	g.Handle(method, path, func(c *gin.Context) {
		c.Set(ctxNeed, need)
		if err := s.enforce(c, need); err != nil {
			fail(c, err)
			return
		}
		if err := h(c); err != nil {
			fail(c, err)
		}
	})
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
	p, err := s.Tokens.Verify(strings.TrimSpace(token))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="pao", error="invalid_token"`)
		writeProblem(c, Unauthorized("the bearer token is invalid or expired"))
		return false
	}
	c.Set(ctxPrincipal, p)
	u, err := accounts.EnsureUser(s.DB.WithContext(c), p.Email)
	if err != nil {
		fail(c, err)
		return false
	}
	c.Set(ctxUser, u)
	return true
}

func principalOf(c *gin.Context) (auth.Principal, bool) {
	v, ok := c.Get(ctxPrincipal)
	if !ok {
		return auth.Principal{}, false
	}
	p, ok := v.(auth.Principal)
	return p, ok
}

func principal(c *gin.Context) auth.Principal { p, _ := principalOf(c); return p }

func currentUser(c *gin.Context) models.User {
	v, _ := c.Get(ctxUser)
	u, _ := v.(models.User)
	return u
}

// SiteAuth is the caller's standing on the site a request is about.
type SiteAuth struct {
	Site       models.Site
	Privileges models.Privileges // effective: the Primary holds everything
	Stored     models.Privileges // the site_access row as stored
	HasAccess  bool
	IsPrimary  bool
}

func siteAuthOf(c *gin.Context) SiteAuth { v, _ := c.Get(ctxSite); a, _ := v.(SiteAuth); return a }

// enforce applies a route's requirement before its handler runs.
func (s *Server) enforce(c *gin.Context, need Need) error {
	p := principal(c)
	switch need.kind {
	case needSignedIn, needResource:
		return nil // needResource: the handler calls authorizeSite
	case needStaff:
		for _, r := range need.Roles {
			if p.HasRole(r) {
				return nil
			}
		}
		return NotFound("no such resource") // staff routes do not exist for others
	case needSite:
		var site models.Site
		err := s.DB.WithContext(c).Where("site_number = ?", c.Param("site")).Take(&site).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("site not found")
		}
		if err != nil {
			return fmt.Errorf("load site: %w", err)
		}
		return s.authorizeSite(c, site)
	case needAccount:
		if c.Param("customer") == "" {
			return nil // the handler calls authorizeAccount with the resource's account
		}
		var cust models.Customer
		err := s.DB.WithContext(c).Where("customer_number = ?", c.Param("customer")).Take(&cust).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("account not found")
		}
		if err != nil {
			return fmt.Errorf("load account: %w", err)
		}
		return s.authorizeAccount(c, cust)
	}
	return fmt.Errorf("route %s has no declared requirement", c.FullPath())
}

// authorizeSite checks the route's declared tool level on site for the
// caller. A caller without access to the site gets 404 (B3): they learn
// nothing about it; one with access but too low a level gets 403.
func (s *Server) authorizeSite(c *gin.Context, site models.Site) error {
	v, _ := c.Get(ctxNeed)
	need, _ := v.(Need)
	if need.kind != needSite && need.kind != needResource {
		return fmt.Errorf("route %s does not declare a site requirement", c.FullPath())
	}
	a, err := s.siteStanding(c, site, currentUser(c).ID)
	if err != nil {
		return err
	}
	if !a.HasAccess {
		return NotFound("site not found")
	}
	if a.Privileges.Get(need.Tool) < need.Level {
		return Forbidden(fmt.Sprintf("this needs %s", need))
	}
	c.Set(ctxSite, a)
	return nil
}

// siteStanding loads a user's access row and Primary role on site.
func (s *Server) siteStanding(c *gin.Context, site models.Site, userID int64) (SiteAuth, error) {
	a := SiteAuth{Site: site}
	var row models.SiteAccess
	err := s.DB.WithContext(c).Where("site_id = ? AND user_id = ?", site.ID, userID).Take(&row).Error
	switch {
	case err == nil:
		a.HasAccess, a.Stored = true, row.Privileges()
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return a, fmt.Errorf("load access: %w", err)
	}
	var n int64
	if err := s.DB.WithContext(c).Model(&models.SiteContact{}).
		Where("site_id = ? AND user_id = ? AND role = ?", site.ID, userID, models.RolePrimary).Count(&n).Error; err != nil {
		return a, fmt.Errorf("load primary: %w", err)
	}
	a.IsPrimary = n > 0
	a.HasAccess = a.HasAccess || a.IsPrimary
	a.Privileges = a.Stored
	if a.IsPrimary {
		a.Privileges = a.Privileges.Max(models.PrimaryPrivileges)
	}
	return a, nil
}

// AccountAuth is the caller's support standing on a customer account (D1).
type AccountAuth struct {
	Customer models.Customer
	Level    models.SupportLevel // effective: an STC is administrator (D2)
	IsSTC    bool
}

func accountAuthOf(c *gin.Context) AccountAuth {
	v, _ := c.Get(ctxAccount)
	a, _ := v.(AccountAuth)
	return a
}

// authorizeAccount checks the route's declared support level on an
// account. A caller with no support access (and not an STC there) gets 404:
// D1's "no access" cannot even see that cases exist; a lower level is 403.
func (s *Server) authorizeAccount(c *gin.Context, cust models.Customer) error {
	v, _ := c.Get(ctxNeed)
	need, _ := v.(Need)
	if need.kind != needAccount {
		return fmt.Errorf("route %s does not declare an account requirement", c.FullPath())
	}
	a, err := s.accountStanding(c, cust, currentUser(c).ID)
	if err != nil {
		return err
	}
	if a.Level == models.SupportNone {
		return NotFound("account not found")
	}
	if a.Level < need.Support {
		return Forbidden(fmt.Sprintf("this needs %s", need))
	}
	c.Set(ctxAccount, a)
	return nil
}

// accountStanding loads a user's support level and STC role on an account.
func (s *Server) accountStanding(c *gin.Context, cust models.Customer, userID int64) (AccountAuth, error) {
	a := AccountAuth{Customer: cust}
	var row models.SupportAccess
	err := s.DB.WithContext(c).Where("customer_id = ? AND user_id = ?", cust.ID, userID).Take(&row).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return a, fmt.Errorf("load support access: %w", err)
	}
	a.Level = row.Level
	var n int64
	if err := s.DB.WithContext(c).Model(&models.SiteContact{}).
		Joins("JOIN sites ON sites.id = site_contacts.site_id").
		Where("sites.customer_id = ? AND site_contacts.user_id = ? AND site_contacts.role = ?", cust.ID, userID, models.RoleTechnical).
		Count(&n).Error; err != nil {
		return a, fmt.Errorf("load STC role: %w", err)
	}
	a.IsSTC = n > 0
	if a.IsSTC {
		a.Level = models.SupportAdmin
	}
	return a, nil
}
