package api

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

const (
	ctxSite     = "pao.site"
	ctxAccount  = "pao.account"
	ctxResource = "pao.resource"
)

// SiteOf is the caller's standing on the site a site route is about (set
// once its requirement held).
func SiteOf(c *gin.Context) accounts.SiteStanding {
	v, _ := c.Get(ctxSite)
	s, _ := v.(accounts.SiteStanding)
	return s
}

// AccountOf is the caller's support standing on the account an account
// route is about (set once its requirement held).
func AccountOf(c *gin.Context) accounts.AccountStanding {
	v, _ := c.Get(ctxAccount)
	a, _ := v.(accounts.AccountStanding)
	return a
}

// Loaded returns the resource the route's resolver loaded, as T.
func Loaded[T any](c *gin.Context) T {
	v, _ := c.Get(ctxResource)
	r, _ := v.(Resource)
	t, _ := r.Value.(T)
	return t
}

// enforce applies a route's requirement before its handler runs; it is the
// only place authorization happens.
func (s *Server) enforce(c *gin.Context, need Need) error {
	u := Caller(c)
	switch need.kind {
	case needSignedIn:
		return nil
	case needStaff:
		p := PrincipalOf(c)
		for _, r := range need.Roles {
			if p.HasRole(r) {
				return nil
			}
		}
		return NotFound("no such resource") // staff routes do not exist for others
	}
	var res Resource
	if need.resolve != nil {
		var err error
		if res, err = need.resolve(c); err != nil {
			return err
		}
		c.Set(ctxResource, res)
	}
	isOwner := need.resolve != nil && res.OwnerID != 0 && res.OwnerID == u.ID
	own := need.owner && isOwner // the owner passes without the level
	switch need.kind {
	case needOwner:
		if !isOwner {
			return NotFound("no such resource")
		}
		return nil
	case needSite:
		return s.enforceSite(c, need, res, own)
	case needAccount:
		return s.enforceAccount(c, need, res, own)
	}
	return fmt.Errorf("route %s has no declared requirement", c.FullPath())
}

func (s *Server) enforceSite(c *gin.Context, need Need, res Resource, own bool) error {
	var (
		st    accounts.SiteStanding
		found bool
		err   error
	)
	uid := Caller(c).ID
	if need.resolve != nil {
		st, found, err = cachedLoad(s.standings, fmt.Sprintf("site-id|%d|%d", uid, res.SiteID), func() (accounts.SiteStanding, bool, error) {
			return accounts.SiteStandingByID(c, s.db, uid, res.SiteID)
		})
	} else {
		site := c.Param("site")
		st, found, err = cachedLoad(s.standings, fmt.Sprintf("site|%d|%s", uid, site), func() (accounts.SiteStanding, bool, error) {
			return accounts.SiteStandingByNumber(c, s.db, uid, site)
		})
	}
	if err != nil {
		return fmt.Errorf("load site standing: %w", err)
	}
	if !found {
		return NotFound("site not found")
	}
	c.Set(ctxSite, st)
	if own {
		return nil
	}
	if !st.HasAccess || (need.visible != nil && !need.visible(c, res)) {
		return NotFound(notFoundDetail(need))
	}
	if st.Privileges.Get(need.Tool) < need.Level {
		return Forbidden("this needs " + need.String())
	}
	return nil
}

func (s *Server) enforceAccount(c *gin.Context, need Need, res Resource, own bool) error {
	var (
		st    accounts.AccountStanding
		found bool
		err   error
	)
	uid := Caller(c).ID
	if need.resolve != nil {
		st, found, err = cachedLoad(s.standings, fmt.Sprintf("account-id|%d|%d", uid, res.CustomerID), func() (accounts.AccountStanding, bool, error) {
			return accounts.AccountStandingByID(c, s.db, uid, res.CustomerID)
		})
	} else {
		cust := c.Param("customer")
		st, found, err = cachedLoad(s.standings, fmt.Sprintf("account|%d|%s", uid, cust), func() (accounts.AccountStanding, bool, error) {
			return accounts.AccountStandingByNumber(c, s.db, uid, cust)
		})
	}
	if err != nil {
		return fmt.Errorf("load account standing: %w", err)
	}
	if !found {
		return NotFound("account not found")
	}
	c.Set(ctxAccount, st)
	if own || (need.manager && st.ManagesAccount) {
		return nil
	}
	// D1: "no access" cannot even see that the account's cases exist.
	if st.Level == models.SupportNone || (need.visible != nil && !need.visible(c, res)) {
		return NotFound(notFoundDetail(need))
	}
	if st.Level < need.Support {
		return Forbidden("this needs " + need.String())
	}
	return nil
}

func notFoundDetail(need Need) string {
	switch {
	case need.resolve != nil:
		return "no such resource"
	case need.kind == needAccount:
		return "account not found"
	}
	return "site not found"
}
