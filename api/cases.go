package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/accounts"
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

func (s *Server) casesQuery(c *gin.Context) *gorm.DB {
	return s.DB.WithContext(c).Table("support_cases sc").
		Select("sc.*, customers.customer_number, users.email AS owner_email").
		Joins("JOIN customers ON customers.id = sc.customer_id").
		Joins("JOIN users ON users.id = sc.owner_id")
}

type caseBody struct {
	Title       string `json:"title" validate:"required,min=3,max=200"`
	Description string `json:"description" validate:"required,min=1,max=10000"`
	Severity    int16  `json:"severity" validate:"required,min=1,max=4"`
}

// POST /v1/accounts/:customer/cases (D3): basic and above open cases they own.
func (s *Server) postCase(c *gin.Context) error {
	var b caseBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	a := accountAuthOf(c)
	sc := models.SupportCase{CustomerID: a.Customer.ID, OwnerID: currentUser(c).ID, Title: b.Title,
		Description: b.Description, Severity: b.Severity, Status: "open"}
	err := s.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&sc).Error; err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		return accounts.Audit(tx, actorOf(c), "case.open", nil, &a.Customer.ID, "support_case", strconv.FormatInt(sc.ID, 10), nil, b)
	})
	if err != nil {
		return err
	}
	return s.respondCase(c, sc.ID, http.StatusCreated)
}

// GET /v1/accounts/:customer/cases: basic sees own cases, full and above all.
func (s *Server) listCases(c *gin.Context) error {
	a := accountAuthOf(c)
	q := s.casesQuery(c).Where("sc.customer_id = ?", a.Customer.ID).Order("sc.created_at DESC").Limit(200)
	if a.Level < models.SupportFull {
		q = q.Where("sc.owner_id = ?", currentUser(c).ID)
	}
	var rows []caseRow
	if err := q.Scan(&rows).Error; err != nil {
		return fmt.Errorf("list cases: %w", err)
	}
	out := make([]caseView, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	c.JSON(http.StatusOK, gin.H{"cases": out})
	return nil
}

// caseForCaller loads a case and applies D1: the caller needs the route's
// level on the case's account and must be allowed to see this case; a case
// they cannot see does not exist for them (404).
func (s *Server) caseForCaller(c *gin.Context) (caseRow, error) {
	var r caseRow
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return r, NotFound("no such case")
	}
	err = s.casesQuery(c).Where("sc.id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, NotFound("no such case")
	}
	if err != nil {
		return r, fmt.Errorf("load case: %w", err)
	}
	if err := s.authorizeAccount(c, models.Customer{ID: r.CustomerID, CustomerNumber: r.CustomerNumber}); err != nil {
		var p *Problem
		if errors.As(err, &p) && p.Status == http.StatusForbidden && r.OwnerID != currentUser(c).ID {
			return r, NotFound("no such case") // their own case: 403; anyone else's: it does not exist for them
		}
		return r, err
	}
	if !models.CanSeeCase(accountAuthOf(c).Level, r.OwnerID == currentUser(c).ID) {
		return r, NotFound("no such case")
	}
	return r, nil
}

func (s *Server) respondCase(c *gin.Context, id int64, status int) error {
	var r caseRow
	if err := s.casesQuery(c).Where("sc.id = ?", id).Take(&r).Error; err != nil {
		return fmt.Errorf("load case: %w", err)
	}
	var updates []struct {
		ID        int64     `json:"id"`
		Author    string    `json:"author"`
		Body      string    `json:"body"`
		CreatedAt time.Time `json:"created_at"`
	}
	if err := s.DB.WithContext(c).Table("support_case_updates u").Select("u.id, users.email AS author, u.body, u.created_at").
		Joins("JOIN users ON users.id = u.author_id").Where("u.case_id = ?", id).Order("u.id").Scan(&updates).Error; err != nil {
		return fmt.Errorf("load case updates: %w", err)
	}
	var parties []string
	if err := s.DB.WithContext(c).Table("support_case_parties p").Select("users.email").
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
func (s *Server) getCase(c *gin.Context) error {
	r, err := s.caseForCaller(c)
	if err != nil {
		return err
	}
	return s.respondCase(c, r.ID, http.StatusOK)
}

type caseUpdateBody struct {
	Body string `json:"body" validate:"required,min=1,max=10000"`
}

// POST /v1/cases/:id/updates
func (s *Server) postCaseUpdate(c *gin.Context) error {
	r, err := s.caseForCaller(c)
	if err != nil {
		return err
	}
	var b caseUpdateBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	err = s.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		u := models.SupportCaseUpdate{CaseID: r.ID, AuthorID: currentUser(c).ID, Body: b.Body}
		if err := tx.Create(&u).Error; err != nil {
			return fmt.Errorf("post update: %w", err)
		}
		if err := tx.Model(&models.SupportCase{}).Where("id = ?", r.ID).Update("updated_at", gorm.Expr("now()")).Error; err != nil {
			return fmt.Errorf("touch case: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.respondCase(c, r.ID, http.StatusCreated)
}

type partyBody struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

// POST /v1/cases/:id/interested-parties: full and above add people who
// themselves hold full access or more (basic cannot be an interested party).
func (s *Server) postCaseParty(c *gin.Context) error {
	r, err := s.caseForCaller(c)
	if err != nil {
		return err
	}
	var b partyBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil {
		return Invalid(FieldError{Field: "email", Detail: "must be an email address"})
	}
	var u models.User
	if err := s.DB.WithContext(c).Where("email = ?", email).Take(&u).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return Unprocessable("D1", "an interested party needs full support access to the account")
	} else if err != nil {
		return fmt.Errorf("load user: %w", err)
	}
	standing, err := s.accountStanding(c, models.Customer{ID: r.CustomerID}, u.ID)
	if err != nil {
		return err
	}
	if standing.Level < models.SupportFull {
		return Unprocessable("D1", "an interested party needs full support access to the account")
	}
	err = s.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&models.SupportCaseParty{CaseID: r.ID, UserID: u.ID}).Error; err != nil {
			return fmt.Errorf("add interested party: %w", err)
		}
		return accounts.Audit(tx, actorOf(c), "case.add_party", nil, &r.CustomerID, "support_case", strconv.FormatInt(r.ID, 10), nil, map[string]string{"party": email})
	})
	if err != nil {
		return err
	}
	return s.respondCase(c, r.ID, http.StatusCreated)
}
