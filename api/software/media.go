package software

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/software"
	"github.com/pao/pao/models"
)

// mediaBody is a request for physical media of a package.
type mediaBody struct {
	PartNumber string `json:"part_number" validate:"required,max=10"`
	Version    string `json:"version" validate:"required,max=32,singleline,notblank"`
	Platform   string `json:"platform" validate:"required,max=32"`
	Note       string `json:"note" validate:"max=1000,multiline"`
}

var partNumberRe = regexp.MustCompile(`^[A-Z0-9]{5,10}$`)

// POST /v1/sites/:site/media-requests: ask for physical media of a
// package of one of the site's entitled products (part number, version,
// platform, an optional note), shipped to the site; the site's S&S media
// delivery contact is emailed (A6, the Primary when the role is not
// filled). A product the site holds no coverage of is 404.
func (h *Handlers) requestMedia(c *gin.Context) error {
	var b mediaBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	var bad []api.FieldError
	if !partNumberRe.MatchString(b.PartNumber) {
		bad = append(bad, api.FieldError{Field: "part_number", Detail: "must be a part number: 5 to 10 upper-case letters and digits"})
	}
	if !models.Platform(b.Platform).Valid() {
		bad = append(bad, api.FieldError{Field: "platform", Detail: "must be one of: " + models.PlatformNames()})
	}
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}
	st := api.SiteOf(c)
	m, err := svc.RequestMedia(c, h.DB, api.Actor(c), api.Caller(c), st.Site, svc.MediaInput{
		PartNumber: b.PartNumber, Version: b.Version, Platform: models.Platform(b.Platform), Note: b.Note,
	}, h.now().UTC())
	var fe *svc.FieldError
	switch {
	case errors.Is(err, svc.ErrNotEntitled):
		return api.NotFound("the site holds no S&S coverage of part " + b.PartNumber)
	case errors.As(err, &fe):
		return api.Invalid(api.FieldError{Field: fe.Field, Detail: fe.Detail})
	case err != nil:
		return err
	}
	c.JSON(http.StatusCreated, m)
	return nil
}

// GET /v1/sites/:site/media-requests?limit=&page_token=: the site's media
// requests, newest first, each with whom it was emailed to and why.
func (h *Handlers) listMedia(c *gin.Context) error {
	site := api.SiteOf(c).Site
	n, err := limit(c, defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	var before *svc.MediaCursor
	if tok, ok, err := once(c, "page_token"); err != nil {
		return err
	} else if ok {
		id, err := strconv.ParseInt(tok, 36, 64)
		if err != nil || id <= 0 || len(tok) > 13 {
			return api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
		}
		before = &svc.MediaCursor{ID: id}
	}
	ms, next, err := svc.MediaRequests(c, h.DB, site.ID, before, n)
	if err != nil {
		return err
	}
	resp := gin.H{"site_number": site.SiteNumber, "media_requests": ms}
	if next != nil {
		tok := strconv.FormatInt(next.ID, 36)
		resp["next_page_token"] = tok
		q := c.Request.URL.Query()
		q.Set("page_token", tok)
		resp["next"] = c.Request.URL.Path + "?" + q.Encode()
	}
	c.JSON(http.StatusOK, resp)
	return nil
}
