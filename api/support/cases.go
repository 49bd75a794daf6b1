package support

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

type caseView struct {
	ID             int64     `json:"id"`
	CustomerNumber string    `json:"customer_number"`
	Owner          string    `json:"owner"`
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	Severity       int16     `json:"severity"`
	Status         string    `json:"status"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

type caseRow struct {
	models.SupportCase
	CustomerNumber string
	OwnerEmail     string
}

func (r caseRow) view() caseView {
	return caseView{ID: r.ID, CustomerNumber: r.CustomerNumber, Owner: r.OwnerEmail, Title: r.Title,
		Description: r.Description, Severity: r.Severity, Status: r.Status, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func (h *Handlers) casesQuery(c *gin.Context) *gorm.DB {
	return h.DB.WithContext(c).Table("support_cases sc").
		Select("sc.*, customers.customer_number, users.email AS owner_email").
		Joins("JOIN customers ON customers.id = sc.customer_id").
		Joins("JOIN users ON users.id = sc.owner_id")
}

type caseBody struct {
	Title       string `json:"title" validate:"required,notblank,singleline,min=3,max=200"`
	Description string `json:"description" validate:"required,notblank,multiline,max=10000"`
	Severity    int16  `json:"severity" validate:"required,min=1,max=4"`
}

// POST /v1/accounts/:customer/cases (D3): basic and above open cases they own.
func (h *Handlers) postCase(c *gin.Context) error {
	var b caseBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	a := api.AccountOf(c)
	sc := models.SupportCase{CustomerID: a.Customer.ID, OwnerID: api.Caller(c).ID, Title: b.Title,
		Description: b.Description, Severity: b.Severity, Status: "open"}
	err := h.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&sc).Error; err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		return svc.Audit(tx, api.Actor(c), "case.open", nil, &a.Customer.ID, "support_case", strconv.FormatInt(sc.ID, 10), nil, b)
	})
	if err != nil {
		return err
	}
	return h.respondCase(c, sc.ID, http.StatusCreated)
}

// GET /v1/accounts/:customer/cases: basic sees own cases, full and above
// all; "following" says whether the caller follows the account's cases.
func (h *Handlers) listCases(c *gin.Context) error {
	a := api.AccountOf(c)
	q := h.casesQuery(c).Where("sc.customer_id = ?", a.Customer.ID).Order("sc.created_at DESC").Limit(200)
	if a.Level < models.SupportFull {
		q = q.Where("sc.owner_id = ?", api.Caller(c).ID)
	}
	var rows []caseRow
	if err := q.Scan(&rows).Error; err != nil {
		return fmt.Errorf("list cases: %w", err)
	}
	out := make([]caseView, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	following, err := h.follows(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"cases": out, "following": following})
	return nil
}

// loadCase resolves a case route's :id: the case, its account (the scope
// of the route's support level) and its owner.
func (h *Handlers) loadCase(c *gin.Context) (api.Resource, error) {
	var r caseRow
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return api.Resource{}, api.NotFound("no such case")
	}
	err = h.casesQuery(c).Where("sc.id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return api.Resource{}, api.NotFound("no such case")
	}
	if err != nil {
		return api.Resource{}, fmt.Errorf("load case: %w", err)
	}
	return api.Resource{CustomerID: r.CustomerID, OwnerID: r.OwnerID, Value: r}, nil
}

// caseVisible applies D1: basic access sees only the caller's own cases,
// full and above every case of the account; a case the caller cannot see
// does not exist for them (404).
func caseVisible(c *gin.Context, r api.Resource) bool {
	return models.CanSeeCase(api.AccountOf(c).Level, r.OwnerID == api.Caller(c).ID)
}

func (h *Handlers) respondCase(c *gin.Context, id int64, status int) error {
	var r caseRow
	if err := h.casesQuery(c).Where("sc.id = ?", id).Take(&r).Error; err != nil {
		return fmt.Errorf("load case: %w", err)
	}
	// Not nil: a case without updates answers "updates": [], not null.
	updates := []struct {
		ID        int64     `json:"id"`
		Author    string    `json:"author"`
		Body      string    `json:"body"`
		CreatedAt time.Time `json:"created_at"`
	}{}
	if err := h.DB.WithContext(c).Table("support_case_updates u").Select("u.id, users.email AS author, u.body, u.created_at").
		Joins("JOIN users ON users.id = u.author_id").Where("u.case_id = ?", id).Order("u.id").Scan(&updates).Error; err != nil {
		return fmt.Errorf("load case updates: %w", err)
	}
	var parties []string
	if err := h.DB.WithContext(c).Table("support_case_parties p").Select("users.email").
		Joins("JOIN users ON users.id = p.user_id").Where("p.case_id = ?", id).Order("users.email").Scan(&parties).Error; err != nil {
		return fmt.Errorf("load interested parties: %w", err)
	}
	if parties == nil {
		parties = []string{}
	}
	c.JSON(status, gin.H{"case": r.view(), "updates": updates, "interested_parties": parties})
	return nil
}

// GET /v1/cases/:id
func (h *Handlers) getCase(c *gin.Context) error {
	r := api.Loaded[caseRow](c)
	return h.respondCase(c, r.ID, http.StatusOK)
}

type caseUpdateBody struct {
	Body string `json:"body" validate:"required,notblank,multiline,max=10000"`
}

// POST /v1/cases/:id/updates: the update is emailed (through the outbox,
// in the same transaction) to the case's owner, its interested parties and
// the followers of the account's cases who can still see it, never to its
// author.
func (h *Handlers) postCaseUpdate(c *gin.Context) error {
	r := api.Loaded[caseRow](c)
	var b caseUpdateBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	err := h.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		u := models.SupportCaseUpdate{CaseID: r.ID, AuthorID: api.Caller(c).ID, Body: b.Body}
		if err := tx.Create(&u).Error; err != nil {
			return fmt.Errorf("post update: %w", err)
		}
		if err := tx.Model(&models.SupportCase{}).Where("id = ?", r.ID).Update("updated_at", gorm.Expr("now()")).Error; err != nil {
			return fmt.Errorf("touch case: %w", err)
		}
		// D1 "receive updates": the email is queued with the update or not at all.
		return queueCaseUpdate(c, tx, r, u)
	})
	if err != nil {
		return err
	}
	return h.respondCase(c, r.ID, http.StatusCreated)
}

type partyBody struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

// POST /v1/cases/:id/interested-parties: full and above add people who
// themselves hold full access or more (basic cannot be an interested party).
func (h *Handlers) postCaseParty(c *gin.Context) error {
	r := api.Loaded[caseRow](c)
	var b partyBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil {
		return api.Invalid(api.FieldError{Field: "email", Detail: "must be an email address"})
	}
	var u models.User
	if err := h.DB.WithContext(c).Where("email = ?", email).Take(&u).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return api.Unprocessable("D1", "an interested party needs full support access to the account")
	} else if err != nil {
		return fmt.Errorf("load user: %w", err)
	}
	standing, _, err := svc.AccountStandingByID(c, h.DB, u.ID, r.CustomerID)
	if err != nil {
		return fmt.Errorf("load standing of %s: %w", email, err)
	}
	if standing.Level < models.SupportFull {
		return api.Unprocessable("D1", "an interested party needs full support access to the account")
	}
	err = h.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&models.SupportCaseParty{CaseID: r.ID, UserID: u.ID}).Error; err != nil {
			return fmt.Errorf("add interested party: %w", err)
		}
		return svc.Audit(tx, api.Actor(c), "case.add_party", nil, &r.CustomerID, "support_case", strconv.FormatInt(r.ID, 10), nil, map[string]string{"party": email})
	})
	if err != nil {
		return err
	}
	return h.respondCase(c, r.ID, http.StatusCreated)
}
