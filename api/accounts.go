package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

func (s *Server) accounts() *accounts.Service { return &accounts.Service{DB: s.DB, Now: s.Now} }

func actorOf(c *gin.Context) accounts.Actor {
	return accounts.Actor{Email: currentUser(c).Email, RequestID: requestIDOf(c)}
}

func granterOf(c *gin.Context) accounts.Granter {
	a := siteAuthOf(c)
	return accounts.Granter{Actor: actorOf(c), Privileges: a.Privileges, IsPrimary: a.IsPrimary}
}

// ruleProblem maps a refused change to its problem.
func ruleProblem(err error) error {
	var r *accounts.RuleError
	if !errors.As(err, &r) {
		return err
	}
	switch r.Kind {
	case accounts.Conflict:
		return Conflict(r.Rule, r.Detail)
	case accounts.Forbidden:
		p := Forbidden(r.Detail)
		p.Rule = r.Rule
		return p
	}
	return Unprocessable(r.Rule, r.Detail)
}

// emailParam validates and normalizes an email path parameter.
func emailParam(c *gin.Context, name string) (string, error) {
	e, err := auth.NormalizeEmail(c.Param(name))
	if err != nil {
		return "", Invalid(FieldError{Field: name, Detail: "must be an email address"})
	}
	return e, nil
}

type siteDetail struct {
	SiteNumber      string    `json:"site_number"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"`
	Country         string    `json:"country"`
	Currency        string    `json:"currency"`
	CustomerNumber  string    `json:"customer_number"`
	CustomerName    string    `json:"customer_name"`
	AgreementNumber string    `json:"agreement_number,omitempty"`
	Anniversary     *string   `json:"anniversary,omitempty"`
	VolumeLevel     string    `json:"volume_level,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	You             youOnSite `json:"you"`
}

type youOnSite struct {
	Primary    bool              `json:"primary"`
	Privileges map[string]string `json:"privileges"`
}

func namedPrivileges(p models.Privileges, primary bool) map[string]string {
	out := map[string]string{}
	for t, l := range p.Named() {
		out[string(t)] = l
	}
	if primary {
		out[string(models.ToolAccountManagement)] = "held"
	}
	return out
}

// GET /v1/sites/:site
func (s *Server) getSite(c *gin.Context) error {
	a := siteAuthOf(c)
	var site models.Site
	if err := s.DB.WithContext(c).Preload("Customer").Preload("Agreement").Take(&site, a.Site.ID).Error; err != nil {
		return fmt.Errorf("load site: %w", err)
	}
	d := siteDetail{
		SiteNumber: site.SiteNumber, Name: site.Name, Kind: string(site.Kind), Country: site.Country,
		Currency: site.Currency, CreatedAt: site.CreatedAt,
		You: youOnSite{Primary: a.IsPrimary, Privileges: namedPrivileges(a.Privileges, a.IsPrimary)},
	}
	if site.Customer != nil {
		d.CustomerNumber, d.CustomerName = site.Customer.CustomerNumber, site.Customer.Name
	}
	if site.Agreement != nil {
		ann := site.Agreement.Anniversary.Format(time.DateOnly)
		d.AgreementNumber, d.Anniversary, d.VolumeLevel = site.Agreement.AgreementNumber, &ann, site.Agreement.VolumeLevel
	}
	c.JSON(http.StatusOK, d)
	return nil
}

type contactView struct {
	Role  string `json:"role"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// GET /v1/sites/:site/contacts (A5)
func (s *Server) listContacts(c *gin.Context) error {
	cs, err := accounts.Contacts(c, s.DB, siteAuthOf(c).Site.ID)
	if err != nil {
		return err
	}
	out := make([]contactView, 0, len(cs))
	for _, ct := range cs {
		v := contactView{Role: string(ct.Role)}
		if ct.User != nil {
			v.Email, v.Name = ct.User.Email, ct.User.Name
		}
		out = append(out, v)
	}
	c.JSON(http.StatusOK, gin.H{"site_number": siteAuthOf(c).Site.SiteNumber, "contacts": out})
	return nil
}

type assignContactBody struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

func roleParam(c *gin.Context) (models.ContactRole, error) {
	r := models.ContactRole(c.Param("role"))
	if !r.Valid() {
		return r, Invalid(FieldError{Field: "role", Detail: fmt.Sprintf("must be one of %v", models.ContactRoles)})
	}
	return r, nil
}

// PUT /v1/sites/:site/contacts/:role
func (s *Server) putContact(c *gin.Context) error {
	role, err := roleParam(c)
	if err != nil {
		return err
	}
	var b assignContactBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	if err := s.mayChangeRole(c, role); err != nil {
		return err
	}
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil {
		return Invalid(FieldError{Field: "email", Detail: "must be an email address"})
	}
	if err := s.accounts().AssignContact(c, actorOf(c), siteAuthOf(c).Site, role, email); err != nil {
		return ruleProblem(err)
	}
	return s.listContacts(c)
}

// mayChangeRole guards the roles that carry more than contact details: the
// primary role carries account management (only the Primary hands it on,
// B2), and the STC is the account's support administrator (D2), so only
// the Primary or a support administrator of the account assigns it.
func (s *Server) mayChangeRole(c *gin.Context, role models.ContactRole) error {
	a := siteAuthOf(c)
	switch {
	case a.IsPrimary || (role != models.RolePrimary && role != models.RoleTechnical):
		return nil
	case role == models.RoleTechnical:
		var cust models.Customer
		if err := s.DB.WithContext(c).Take(&cust, a.Site.CustomerID).Error; err != nil {
			return fmt.Errorf("load account: %w", err)
		}
		st, err := s.accountStanding(c, cust, currentUser(c).ID)
		if err != nil {
			return err
		}
		if st.Level >= models.SupportAdmin {
			return nil
		}
	}
	p := Forbidden(fmt.Sprintf("only the Primary Contact changes the %s role", role))
	if role == models.RoleTechnical {
		p.Detail = "only the Primary Contact or a support administrator changes the technical role"
	}
	p.Rule = "B2"
	return p
}

// DELETE /v1/sites/:site/contacts/:role/:email
func (s *Server) deleteContact(c *gin.Context) error {
	role, err := roleParam(c)
	if err != nil {
		return err
	}
	email, err := emailParam(c, "email")
	if err != nil {
		return err
	}
	if err := s.mayChangeRole(c, role); err != nil {
		return err
	}
	if err := s.accounts().RemoveContact(c, actorOf(c), siteAuthOf(c).Site, role, email); err != nil {
		return ruleProblem(err)
	}
	return s.listContacts(c)
}

type siteUserView struct {
	Email      string            `json:"email"`
	Name       string            `json:"name,omitempty"`
	Roles      []string          `json:"contact_roles"`
	Primary    bool              `json:"primary"`
	Privileges map[string]string `json:"privileges"`
}

// siteUsers lists the users with access to a site (or one of them).
func (s *Server) siteUsers(c *gin.Context, siteID int64, email string) ([]siteUserView, error) {
	q := s.DB.WithContext(c).Preload("User").Joins("JOIN users ON users.id = site_access.user_id").
		Where("site_access.site_id = ?", siteID).Order("users.email")
	if email != "" {
		q = q.Where("users.email = ?", email)
	}
	var rows []models.SiteAccess
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list site users: %w", err)
	}
	var contacts []models.SiteContact
	if err := s.DB.WithContext(c).Where("site_id = ?", siteID).Order("role").Find(&contacts).Error; err != nil {
		return nil, fmt.Errorf("list contacts: %w", err)
	}
	roles := map[int64][]string{}
	for _, ct := range contacts {
		roles[ct.UserID] = append(roles[ct.UserID], string(ct.Role))
	}
	out := make([]siteUserView, 0, len(rows))
	for _, r := range rows {
		primary := false
		for _, role := range roles[r.UserID] {
			primary = primary || role == string(models.RolePrimary)
		}
		p := r.Privileges()
		if primary {
			p = p.Max(models.PrimaryPrivileges)
		}
		rs := roles[r.UserID]
		if rs == nil {
			rs = []string{}
		}
		v := siteUserView{Roles: rs, Primary: primary, Privileges: namedPrivileges(p, primary)}
		if r.User != nil {
			v.Email, v.Name = r.User.Email, r.User.Name
		}
		out = append(out, v)
	}
	return out, nil
}

// GET /v1/sites/:site/users
func (s *Server) listUsers(c *gin.Context) error {
	users, err := s.siteUsers(c, siteAuthOf(c).Site.ID, "")
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"site_number": siteAuthOf(c).Site.SiteNumber, "users": users})
	return nil
}

// GET /v1/sites/:site/users/:user/privileges
func (s *Server) getPrivileges(c *gin.Context) error {
	email, err := emailParam(c, "user")
	if err != nil {
		return err
	}
	users, err := s.siteUsers(c, siteAuthOf(c).Site.ID, email)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		return NotFound("no such user on this site")
	}
	c.JSON(http.StatusOK, users[0])
	return nil
}

type privilegesBody struct {
	Privileges map[string]string `json:"privileges" validate:"required"`
}

// PUT /v1/sites/:site/users/:user/privileges (B1–B2)
func (s *Server) putPrivileges(c *gin.Context) error {
	email, err := emailParam(c, "user")
	if err != nil {
		return err
	}
	var b privilegesBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	p, bad := models.ParseNamed(b.Privileges)
	if len(bad) > 0 {
		fields := make([]FieldError, 0, len(bad))
		for k, v := range bad {
			fields = append(fields, FieldError{Field: "privileges." + k, Detail: v})
		}
		return Invalid(fields...)
	}
	if _, err := s.accounts().SetPrivileges(c, granterOf(c), siteAuthOf(c).Site, email, p); err != nil {
		return ruleProblem(err)
	}
	return s.getPrivileges(c)
}

// DELETE /v1/sites/:site/users/:user
func (s *Server) deleteUser(c *gin.Context) error {
	email, err := emailParam(c, "user")
	if err != nil {
		return err
	}
	err = s.accounts().RevokeAccess(c, granterOf(c), siteAuthOf(c).Site, email)
	if errors.Is(err, accounts.ErrNoAccess) {
		return NotFound("no such user on this site")
	}
	if err != nil {
		return ruleProblem(err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

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

// GET /v1/sites/:site/audit?limit=&before= (newest first, keyset pagination)
func (s *Server) listAudit(c *gin.Context) error {
	limit, err := intQuery(c, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	before, err := intQuery(c, "before", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	q := s.DB.WithContext(c).Where("site_id = ?", siteAuthOf(c).Site.ID).Order("id DESC").Limit(limit)
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
	c.JSON(http.StatusOK, resp)
	return nil
}

func intQuery(c *gin.Context, name string, def, lo, hi int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, Invalid(FieldError{Field: name, Detail: fmt.Sprintf("must be an integer from %d to %d", lo, hi)})
	}
	return n, nil
}

type enrollmentBody struct {
	Kind            string `json:"kind" validate:"required,oneof=origin additional express"`
	CustomerNumber  string `json:"customer_number" validate:"required_unless=Kind additional,omitempty,numeric,min=4,max=10"`
	CustomerName    string `json:"customer_name" validate:"required_unless=Kind additional,max=200"`
	AgreementNumber string `json:"agreement_number" validate:"required_unless=Kind express,omitempty,numeric,min=4,max=10"`
	Anniversary     string `json:"anniversary" validate:"required_if=Kind origin,omitempty,datetime=2006-01-02"`
	VolumeLevel     string `json:"volume_level" validate:"required_if=Kind origin,omitempty,oneof=BL D E F G H I J K L M N GV"`
	SiteNumber      string `json:"site_number" validate:"required,numeric,min=4,max=10"`
	SiteName        string `json:"site_name" validate:"required,max=200"`
	Country         string `json:"country" validate:"required,len=2,uppercase"`
	Currency        string `json:"currency" validate:"required,len=3,uppercase"`
	PrimaryEmail    string `json:"primary_contact_email" validate:"required,email,max=254"`
}

// POST /v1/enrollments (IBM-side ibm-ops)
func (s *Server) postEnrollment(c *gin.Context) error {
	var b enrollmentBody
	if err := s.bind(c, &b); err != nil {
		return err
	}
	kind := models.SiteKind(b.Kind)
	if kind == models.SiteExpress && b.AgreementNumber != "" {
		return Invalid(FieldError{Field: "agreement_number", Detail: "an Express site has no agreement"})
	}
	email, err := auth.NormalizeEmail(b.PrimaryEmail)
	if err != nil {
		return Invalid(FieldError{Field: "primary_contact_email", Detail: "must be an email address"})
	}
	e := accounts.Enrollment{
		Kind: kind, CustomerNumber: b.CustomerNumber, CustomerName: b.CustomerName, AgreementNumber: b.AgreementNumber,
		VolumeLevel: b.VolumeLevel, SiteNumber: b.SiteNumber, SiteName: b.SiteName, Country: b.Country,
		Currency: b.Currency, PrimaryEmail: email,
	}
	if b.Anniversary != "" {
		if e.Anniversary, err = time.Parse(time.DateOnly, b.Anniversary); err != nil {
			return Invalid(FieldError{Field: "anniversary", Detail: "must be a date like 2006-01-02"})
		}
	}
	site, err := s.accounts().Enroll(c, actorOf(c), e)
	if err != nil {
		return ruleProblem(err)
	}
	c.Header("Location", "/v1/sites/"+site.SiteNumber)
	c.JSON(http.StatusCreated, gin.H{"site_number": site.SiteNumber, "kind": site.Kind, "primary_contact": email})
	return nil
}
