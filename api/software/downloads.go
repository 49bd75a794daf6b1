package software

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/software"
	"github.com/pao/pao/models"
)

// downloadView is a package as the list and the package route show it,
// with the paths to its link and itself.
type downloadView struct {
	svc.Download
	Links map[string]string `json:"links"`
}

func view(site models.Site, d svc.Download) downloadView {
	self := sitePath(site) + "/downloads/" + strconv.FormatInt(d.ID, 10)
	return downloadView{Download: d, Links: map[string]string{"self": self, "link": self + "/link"}}
}

// notEntitled is the 404 of a package or product the site is not entitled
// to, worded as the router words a resource the caller may not see, so it
// does not tell whether it exists for another site.
func notEntitled() error { return api.NotFound("no such package for this site") }

// GET /v1/sites/:site/downloads?product=&platform=&limit=&page_token=:
// the packages of the site's entitled products, by product and newest
// release first; product (any part number of the product) and platform
// narrow them.
func (h *Handlers) list(c *gin.Context) error {
	site := api.SiteOf(c).Site
	n, err := limit(c, defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	var f svc.Filter
	if part, ok, err := once(c, "product"); err != nil {
		return err
	} else if ok {
		if !partNumberRe.MatchString(part) {
			return api.Invalid(api.FieldError{Field: "product", Detail: "must be a part number: 5 to 10 upper-case letters and digits"})
		}
		id, found, err := svc.CoverageProduct(c, h.DB, part)
		switch {
		case err != nil:
			return err
		case !found:
			return api.Invalid(api.FieldError{Field: "product", Detail: "is not a part number of the catalog"})
		}
		f.ProductID = id
	}
	if p, ok, err := once(c, "platform"); err != nil {
		return err
	} else if ok {
		if f.Platform = models.Platform(p); !f.Platform.Valid() {
			return api.Invalid(api.FieldError{Field: "platform", Detail: "must be one of: " + models.PlatformNames()})
		}
	}
	var after *svc.Cursor
	if tok, ok, err := once(c, "page_token"); err != nil {
		return err
	} else if ok {
		cur, valid := svc.ParseCursor(tok)
		if !valid {
			return api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
		}
		after = &cur
	}
	ds, next, err := svc.Downloads(c, h.DB, site.ID, f, after, n, h.now())
	if err != nil {
		return err
	}
	out := make([]downloadView, 0, len(ds))
	for _, d := range ds {
		out = append(out, view(site, d))
	}
	resp := gin.H{"site_number": site.SiteNumber, "packages": out}
	if next != nil {
		resp["next_page_token"] = next.Token()
		q := c.Request.URL.Query()
		q.Set("page_token", next.Token())
		resp["next"] = c.Request.URL.Path + "?" + q.Encode()
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// entitled is the package :package names (its id or file name) among
// those the site may download now, or the 404.
func (h *Handlers) entitled(c *gin.Context, site models.Site) (svc.Download, error) {
	d, err := svc.Entitled(c, h.DB, site.ID, c.Param("package"), h.now())
	if errors.Is(err, svc.ErrNotEntitled) {
		return svc.Download{}, notEntitled()
	}
	return d, err
}

// POST /v1/sites/:site/downloads/:package/link: a link to download the
// package, signed for the caller on this site and valid for
// PAO_DOWNLOAD_LINK_TTL. Nothing is stored; the download is audited.
func (h *Handlers) link(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	site := api.SiteOf(c).Site
	d, err := h.entitled(c, site)
	if err != nil {
		return err
	}
	l := models.DownloadLink{PackageID: d.ID, SiteID: site.ID, UserID: api.Caller(c).ID,
		Expires: h.now().Add(h.LinkTTL).Truncate(time.Second)}
	q := url.Values{"expires": {strconv.FormatInt(l.Expires.Unix(), 10)}, "signature": {l.Sign(h.Secret)}}
	c.JSON(http.StatusOK, gin.H{
		"url":        sitePath(site) + "/downloads/" + strconv.FormatInt(d.ID, 10) + "?" + q.Encode(),
		"expires_at": l.Expires.UTC(),
		"package":    view(site, d),
	})
	return nil
}

// GET /v1/sites/:site/downloads/:package: the package; with the expires
// and signature of a link from POST …/link, its file.
func (h *Handlers) get(c *gin.Context) error {
	site := api.SiteOf(c).Site
	exp, hasExp, err := once(c, "expires")
	if err != nil {
		return err
	}
	sig, hasSig, err := once(c, "signature")
	if err != nil {
		return err
	}
	if !hasExp && !hasSig {
		d, err := h.entitled(c, site)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, view(site, d))
		return nil
	}
	expires, err := linkParams(exp, hasExp, sig, hasSig)
	if err != nil {
		return err
	}
	d, err := h.entitled(c, site)
	if err != nil {
		return err
	}
	l := models.DownloadLink{PackageID: d.ID, SiteID: site.ID, UserID: api.Caller(c).ID, Expires: expires}
	switch err := l.Verify(h.Secret, sig, h.now()); {
	case errors.Is(err, models.ErrLinkSignature):
		return &api.Problem{Type: api.ProblemBase + "download-link-invalid", Title: "Forbidden", Status: http.StatusForbidden,
			Detail: "the link's signature does not match: it was altered, or issued to another user, for another site or package; ask for a new link (POST " +
				sitePath(site) + "/downloads/" + strconv.FormatInt(d.ID, 10) + "/link)"}
	case errors.Is(err, models.ErrLinkExpired):
		return &api.Problem{Type: api.ProblemBase + "download-link-expired", Title: "Gone", Status: http.StatusGone,
			Detail: "the link expired at " + expires.UTC().Format(time.RFC3339) + "; ask for a new one (POST " +
				sitePath(site) + "/downloads/" + strconv.FormatInt(d.ID, 10) + "/link)"}
	case err != nil:
		return fmt.Errorf("verify download link: %w", err)
	}
	if err := svc.RecordDownload(c, h.DB, api.Actor(c), site, d, expires); err != nil {
		return err
	}
	serve(c, d)
	return nil
}

// linkRe are the shapes of a link's parameters.
var (
	expiresRe   = regexp.MustCompile(`^[0-9]{1,12}$`)
	signatureRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// linkParams checks the parameters of a download link: both present, the
// expiry in seconds since 1970, the signature 64 lower-case hex digits.
func linkParams(exp string, hasExp bool, sig string, hasSig bool) (time.Time, error) {
	var bad []api.FieldError
	switch {
	case !hasExp:
		bad = append(bad, api.FieldError{Field: "expires", Detail: "is required with signature: use the whole link POST …/link returned"})
	case !expiresRe.MatchString(exp):
		bad = append(bad, api.FieldError{Field: "expires", Detail: "must be the link's expiry, in seconds since 1970"})
	}
	switch {
	case !hasSig:
		bad = append(bad, api.FieldError{Field: "signature", Detail: "is required with expires: use the whole link POST …/link returned"})
	case !signatureRe.MatchString(sig):
		bad = append(bad, api.FieldError{Field: "signature", Detail: "must be the link's signature, 64 lower-case hexadecimal digits"})
	}
	if len(bad) > 0 {
		return time.Time{}, api.Invalid(bad...)
	}
	n, _ := strconv.ParseInt(exp, 10, 64) // at most 12 digits: fits
	return time.Unix(n, 0).UTC(), nil
}

// serve streams package d's file: generated placeholder content of its
// size whose SHA-256 is the one the catalog publishes (also sent as
// Repr-Digest), as an attachment. A client that goes away mid-file ends
// the copy (the request's error is logged); its Content-Length tells it
// the file is short.
func serve(c *gin.Context, d svc.Download) {
	c.Header("Content-Type", "application/octet-stream")
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	c.Header("Content-Length", strconv.FormatInt(d.SizeBytes, 10))
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	if sum, err := hex.DecodeString(d.SHA256); err == nil {
		c.Header("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	}
	c.Status(http.StatusOK)
	if _, err := io.Copy(c.Writer, models.NewPlaceholder(d.FileName, d.SizeBytes).Reader()); err != nil {
		_ = c.Error(fmt.Errorf("send %s: %w", d.FileName, err))
	}
}
