// Package notices answers "why did they get this notice?" (issue 11 item
// 3): the emails the product queued about a site, newest first, each with
// its recipients and, per recipient, the rule that chose them (recorded
// when the email was queued: models.OutboxEmail.RecipientReasons), and
// whether it was delivered. Mail about an account and no site (support
// case updates, support-access requests) is not a site's notice.
package notices

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// Handlers are the notice routes with what they use.
type Handlers struct {
	DB *gorm.DB
}

// Routes declares the routes: a site's notices name its contacts and
// what was sent to them, so they need Contact update = view on the site
// (anybody without access to the site gets 404, below view 403).
func (h *Handlers) Routes(r *api.Router) {
	r.Handle("GET", "/sites/:site/notices", api.OnSite(models.ToolContactUpdate, models.LevelView), h.list)
}

// Limits of the list.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// Delivery states of a notice.
const (
	StateQueued = "queued" // not delivered yet (no attempt failed)
	StateSent   = "sent"
	StateFailed = "failed" // the last attempt failed; retried later unless given up
)

// unrecorded is the reason shown for a recipient of an email queued
// before reasons were recorded.
const unrecorded = "not recorded (queued before the product recorded reasons)"

// Notice is one email about the site as the list shows it.
type Notice struct {
	Key        string             `json:"key"`
	Notice     string             `json:"notice"` // the template
	Subject    string             `json:"subject"`
	CreatedAt  time.Time          `json:"created_at"`
	State      string             `json:"state"`
	SentAt     *time.Time         `json:"sent_at"`
	Attempts   int                `json:"attempts"`
	GaveUp     bool               `json:"gave_up,omitempty"` // failed for good: no further attempt
	Recipients []models.Recipient `json:"recipients"`
}

// giveUpAfter: a row whose next attempt is this far ahead was given up by
// the sender (it parks them at 9999-12-31).
const giveUpAfter = 100 * 365 * 24 * time.Hour

// GET /v1/sites/:site/notices?limit=&page_token=: the site's notices,
// newest first, with each recipient's reason and the delivery state.
func (h *Handlers) list(c *gin.Context) error {
	limit := defaultLimit
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return api.Invalid(api.FieldError{Field: "limit", Detail: fmt.Sprintf("must be an integer from 1 to %d", maxLimit)})
		}
		limit = n
	}
	before, err := pageToken(c.Query("page_token"))
	if err != nil {
		return err
	}
	q := h.DB.WithContext(c).Where("site_id = ?", api.SiteOf(c).Site.ID)
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var rows []models.OutboxEmail
	if err := q.Omit("text_body", "html_body").Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return fmt.Errorf("list notices: %w", err)
	}
	var next string
	if len(rows) > limit {
		rows = rows[:limit]
		next = strconv.FormatInt(rows[limit-1].ID, 36)
	}
	out := make([]Notice, 0, len(rows))
	for _, r := range rows {
		n, err := view(r)
		if err != nil {
			return err
		}
		out = append(out, n)
	}
	resp := gin.H{"notices": out}
	if next != "" {
		resp["next_page_token"] = next
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// view is a row as the list shows it.
func view(r models.OutboxEmail) (Notice, error) {
	rs, err := r.Reasons()
	if err != nil {
		return Notice{}, err
	}
	for i := range rs {
		if rs[i].Reason == "" {
			rs[i].Reason = unrecorded
		}
	}
	n := Notice{Key: r.Key, Notice: r.Notice, Subject: r.Subject, CreatedAt: r.CreatedAt, State: StateQueued,
		SentAt: r.SentAt, Attempts: r.Attempts, Recipients: rs}
	switch {
	case r.SentAt != nil:
		n.State = StateSent
	case r.LastError != "":
		n.State = StateFailed
		n.GaveUp = r.NextAttemptAt.Sub(r.CreatedAt) > giveUpAfter
	}
	return n, nil
}

// pageToken reads a page token this list returned (the last row's id in
// base 36); none is 0.
func pageToken(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 36, 64)
	if err != nil || id <= 0 || len(s) > 13 {
		return 0, api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	}
	return id, nil
}
