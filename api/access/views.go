package access

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// requestView is the API shape of an access request, served from Postgres.
type requestView struct {
	ID             uuid.UUID         `json:"id"`
	Kind           string            `json:"kind"`
	WorkflowID     string            `json:"workflow_id"`
	SiteNumber     string            `json:"site_number,omitempty"`
	CustomerNumber string            `json:"customer_number"`
	RequesterEmail string            `json:"requester_email"`
	Name           string            `json:"name"`
	Company        string            `json:"company"`
	Phone          string            `json:"phone"`
	Reason         string            `json:"reason"`
	Status         string            `json:"status"`
	Reminded       bool              `json:"reminded"`
	Escalated      bool              `json:"escalated"`
	DecidedBy      string            `json:"decided_by,omitempty"`
	DecisionReason string            `json:"decision_reason,omitempty"`
	Granted        models.JSON       `json:"granted,omitempty"`
	SupportLevel   string            `json:"support_level,omitempty"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	Links          map[string]string `json:"links"`
}

// requestRow is a read-model row with its site and account numbers.
type requestRow struct {
	models.AccessRequest
	SiteNumber     string
	CustomerNumber string
}

func (h *Handlers) requestsQuery(ctx context.Context) *gorm.DB {
	return h.DB.WithContext(ctx).Table("access_requests r").
		Select("r.*, sites.site_number, customers.customer_number").
		Joins("LEFT JOIN sites ON sites.id = r.site_id").
		Joins("JOIN customers ON customers.id = r.customer_id")
}

func viewOf(r requestRow) requestView {
	prefix := "/v1/nominations/"
	if r.Kind == models.KindSupportAccess {
		prefix = "/v1/support-access-requests/"
	}
	v := requestView{
		ID: r.ID, Kind: string(r.Kind), WorkflowID: r.WorkflowID, SiteNumber: r.SiteNumber, CustomerNumber: r.CustomerNumber,
		RequesterEmail: r.RequesterEmail, Name: r.Name, Company: r.Company, Phone: r.Phone, Reason: r.Reason,
		Status: string(r.Status), Reminded: r.Reminded, Escalated: r.Escalated, DecidedBy: r.DecidedBy,
		DecisionReason: r.DecisionReason, Granted: r.Granted, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Links: map[string]string{"self": prefix + r.ID.String()},
	}
	if r.SupportLevel != nil {
		v.SupportLevel = r.SupportLevel.String()
	}
	if r.Status == models.StatusPending {
		v.Links["decision"] = prefix + r.ID.String() + "/decision"
		v.Links["withdraw"] = prefix + r.ID.String() + "/withdraw"
	}
	return v
}

func (h *Handlers) loadRequest(ctx context.Context, id uuid.UUID) (requestRow, error) {
	var r requestRow
	err := h.requestsQuery(ctx).Where("r.id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, api.NotFound("no such request")
	}
	if err != nil {
		return r, fmt.Errorf("load request: %w", err)
	}
	return r, nil
}

// load resolves a request route's :id to the request of kind: its site or
// account is the scope of the route's requirement, its requester the owner.
func (h *Handlers) load(kind models.RequestKind) api.Resolver {
	return func(c *gin.Context) (api.Resource, error) {
		id, err := uuid.Parse(c.Param("id"))
		if err != nil {
			return api.Resource{}, api.NotFound("no such request")
		}
		r, err := h.loadRequest(c, id)
		if err != nil {
			return api.Resource{}, err
		}
		if r.Kind != kind {
			return api.Resource{}, api.NotFound("no such request")
		}
		res := api.Resource{CustomerID: r.CustomerID, OwnerID: r.RequesterID, Value: r}
		if r.SiteID != nil {
			res.SiteID = *r.SiteID
		}
		return res, nil
	}
}
