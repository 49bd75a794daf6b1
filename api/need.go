package api

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/models"
)

type needKind int

const (
	needSignedIn needKind = iota + 1 // any authenticated user, their own data only
	needStaff                        // an IBM-side role
	needSite                         // a tool level on a site
	needAccount                      // a support level on a customer account
	needOwner                        // only the owner of the resource
)

// Resource is what a route's resolver loaded: the site or account it
// belongs to (the scope its requirement is checked on), its owner, and the
// loaded value for the handler (Loaded).
type Resource struct {
	SiteID     int64
	CustomerID int64
	OwnerID    int64
	Value      any
}

// Resolver loads the resource a route is about from the request (typically
// from :id). A resource that does not exist is a *Problem (404); it is
// declared with the route, so no handler can forget to authorize it.
type Resolver func(c *gin.Context) (Resource, error)

// Need is the requirement a route declares (B3): every /v1 route has one,
// and the router enforces it before the handler runs. Site and account
// requirements are checked on the site or account named by the route's
// :site or :customer, or, with Of, on the one the resolved resource
// belongs to. The rule is the same everywhere: a caller with no access to
// the site or account gets 404 (they learn nothing about it); with access
// but too low a level, 403.
type Need struct {
	kind    needKind
	Tool    models.Tool
	Level   models.Level
	Roles   []string
	Support models.SupportLevel // the D1 level of an account requirement
	resolve Resolver
	owner   bool                                  // the resource's owner passes without the level
	manager bool                                  // an account requirement: the account's managers pass too
	visible func(c *gin.Context, r Resource) bool // false: the resource does not exist for the caller
}

// SignedIn: any authenticated user (their own data only).
func SignedIn() Need { return Need{kind: needSignedIn} }

// Staff: one of the IBM-side roles; to anybody else the route does not exist.
func Staff(roles ...string) Need { return Need{kind: needStaff, Roles: roles} }

// OnSite: tool at level on the site named by :site (or, with Of, the
// resource's site).
func OnSite(t models.Tool, l models.Level) Need { return Need{kind: needSite, Tool: t, Level: l} }

// OnAccount: support level on the account named by :customer (or, with Of,
// the resource's account).
func OnAccount(l models.SupportLevel) Need { return Need{kind: needAccount, Support: l} }

// Owner: only the owner of the resource resolve loads; to anybody else it
// does not exist (404).
func Owner(resolve Resolver) Need { return Need{kind: needOwner, resolve: resolve} }

// Of checks the requirement on the site or account of the resource resolve
// loads instead of a path parameter.
func (n Need) Of(resolve Resolver) Need { n.resolve = resolve; return n }

// OrOwner lets the resource's owner through whatever their level (their own
// request, for example).
func (n Need) OrOwner() Need { n.owner = true; return n }

// OrAccountManager lets the account's managers through an account
// requirement too: the Primary Contact of one of its sites, or a user with
// manage access on one.
func (n Need) OrAccountManager() Need { n.manager = true; return n }

// Visible adds a visibility rule checked once the caller's standing is
// known: a resource they may not see does not exist for them (404).
func (n Need) Visible(f func(c *gin.Context, r Resource) bool) Need { n.visible = f; return n }

// Resolves reports whether the requirement loads the route's resource (and
// checks its site or account) before the handler runs.
func (n Need) Resolves() bool { return n.resolve != nil }

// Scope names what the requirement is checked on: "site", "account",
// "owner", "role" or "caller" (signed in: the caller's own data).
func (n Need) Scope() string {
	switch n.kind {
	case needSite:
		return "site"
	case needAccount:
		return "account"
	case needOwner:
		return "owner"
	case needStaff:
		return "role"
	}
	return "caller"
}

// Declared reports whether the requirement was set by a constructor.
func (n Need) Declared() bool { return n.kind != 0 }

// String describes the requirement (for docs and errors).
func (n Need) String() string {
	var s string
	switch n.kind {
	case needSignedIn:
		return "signed in"
	case needStaff:
		return "role " + strings.Join(n.Roles, " or ")
	case needOwner:
		return "the resource's owner"
	case needSite:
		s = fmt.Sprintf("%s >= %s on the site", n.Tool, models.LevelName(n.Tool, n.Level))
		if n.Level == models.LevelNone {
			s = "access to the site"
		}
	case needAccount:
		s = fmt.Sprintf("support access >= %s on the account", n.Support)
	default:
		return "undeclared"
	}
	if n.owner {
		s += ", or the resource's owner"
	}
	if n.manager {
		s += ", or manage access on one of its sites"
	}
	return s
}
