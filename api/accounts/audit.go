package accounts

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
	"gorm.io/gorm"
)

type auditView struct {
	ID         int64       `json:"id"`
	At         time.Time   `json:"at"`
	Actor      string      `json:"actor"`
	Action     string      `json:"action"`
	ObjectType string      `json:"object_type"`
	ObjectID   string      `json:"object_id"`
	Before     models.JSON `json:"before"`
	After      models.JSON `json:"after"`
	RequestID  string      `json:"request_id,omitempty"`
}

// GET /v1/sites/:site/audit?limit=&before= (newest first, keyset
// pagination): the site's entries; account-level entries (support access,
// support levels, cases) are at the account audit, linked from here.
func (h *Handlers) listAudit(c *gin.Context) error {
	site := api.SiteOf(c).Site
	var cust models.Customer
	if err := h.DB.WithContext(c).Take(&cust, site.CustomerID).Error; err != nil {
		return fmt.Errorf("load account: %w", err)
	}
	return h.auditPage(c, h.DB.WithContext(c).Where("site_id = ?", site.ID),
		map[string]string{"account_audit": "/v1/accounts/" + cust.CustomerNumber + "/audit"})
}

// GET /v1/accounts/:customer/audit?limit=&before= (H4): the account-level
// entries (no site): support-access decisions, support levels and, for
// callers who may see the account's cases (full or more), case events. For
// the account's support administrators and its managers (B1).
func (h *Handlers) listAccountAudit(c *gin.Context) error {
	a := api.AccountOf(c)
	q := h.DB.WithContext(c).Where("customer_id = ? AND site_id IS NULL", a.Customer.ID)
	if a.Level < models.SupportFull {
		q = q.Where("object_type <> 'support_case'") // D1: cases are not theirs to see
	}
	return h.auditPage(c, q, nil)
}

// auditPage answers one page of q, newest first.
func (h *Handlers) auditPage(c *gin.Context, q *gorm.DB, links map[string]string) error {
	limit, err := api.IntQuery(c, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	before, err := api.IntQuery(c, "before", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	q = q.Order("id DESC").Limit(limit)
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var rows []models.AuditEntry
	if err := q.Find(&rows).Error; err != nil {
		return fmt.Errorf("list audit: %w", err)
	}
	out := make([]auditView, 0, len(rows))
	for _, r := range rows {
		out = append(out, auditView{ID: r.ID, At: r.At, Actor: r.Actor, Action: r.Action, ObjectType: r.ObjectType,
			ObjectID: r.ObjectID, Before: r.Before, After: r.After, RequestID: r.RequestID})
	}
	resp := gin.H{"entries": out}
	if len(rows) == limit {
		resp["next"] = fmt.Sprintf("%s?limit=%d&before=%d", c.Request.URL.Path, limit, rows[len(rows)-1].ID)
	}
	if links != nil {
		resp["links"] = links
	}
	c.JSON(http.StatusOK, resp)
	return nil
}
