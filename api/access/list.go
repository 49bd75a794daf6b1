package access

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// GET /v1/nominations/:id and /v1/support-access-requests/:id: the
// requester, or an approver of the request's site or account.
func (h *Handlers) get(c *gin.Context) error {
	c.JSON(http.StatusOK, viewOf(api.Loaded[requestRow](c)))
	return nil
}

// GET /v1/nominations and /v1/support-access-requests: ?as=requester (the
// caller's own, default) or ?as=approver (the queue of what they may
// decide); ?status= filters.
func (h *Handlers) list(kind models.RequestKind) api.Handler {
	return func(c *gin.Context) error {
		u := api.Caller(c)
		q := h.requestsQuery(c).Where("r.kind = ?", kind).Order("r.created_at DESC").Limit(200)
		switch c.DefaultQuery("as", "requester") {
		case "requester":
			q = q.Where("r.requester_id = ?", u.ID)
		case "approver":
			if kind == models.KindNomination {
				q = q.Where(`r.site_id IN (SELECT site_id FROM site_access WHERE user_id = ? AND manage_access >= ?
					UNION SELECT site_id FROM site_contacts WHERE user_id = ? AND role = 'primary')`, u.ID, models.LevelUpdate, u.ID)
			} else {
				q = q.Where(`r.customer_id IN (SELECT customer_id FROM support_access WHERE user_id = ? AND level >= ?
					UNION SELECT sites.customer_id FROM site_contacts JOIN sites ON sites.id = site_contacts.site_id
					WHERE site_contacts.user_id = ? AND site_contacts.role = 'technical')`, u.ID, models.SupportAdmin, u.ID)
			}
			q = q.Where("r.requester_id <> ?", u.ID)
		default:
			return api.Invalid(api.FieldError{Field: "as", Detail: "must be requester or approver"})
		}
		if st := c.Query("status"); st != "" {
			switch models.RequestStatus(st) {
			case models.StatusPending, models.StatusApproved, models.StatusRejected, models.StatusWithdrawn, models.StatusExpired:
				q = q.Where("r.status = ?", st)
			default:
				return api.Invalid(api.FieldError{Field: "status", Detail: "must be pending, approved, rejected, withdrawn or expired"})
			}
		}
		var rows []requestRow
		if err := q.Scan(&rows).Error; err != nil {
			return fmt.Errorf("list requests: %w", err)
		}
		out := make([]requestView, 0, len(rows))
		for _, r := range rows {
			out = append(out, viewOf(r))
		}
		c.JSON(http.StatusOK, gin.H{"requests": out})
		return nil
	}
}
