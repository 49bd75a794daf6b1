package accounts

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

type enrollmentBody struct {
	Kind            string `json:"kind" validate:"required,oneof=origin additional express"`
	CustomerNumber  string `json:"customer_number" validate:"required_unless=Kind additional,omitempty,digits,min=4,max=10"`
	CustomerName    string `json:"customer_name" validate:"required_unless=Kind additional,omitempty,notblank,singleline,max=200"`
	AgreementNumber string `json:"agreement_number" validate:"required_unless=Kind express,omitempty,digits,min=4,max=10"`
	Anniversary     string `json:"anniversary" validate:"required_if=Kind origin,omitempty,datetime=2006-01-02"`
	VolumeLevel     string `json:"volume_level" validate:"required_if=Kind origin,omitempty,oneof=BL D E F G H I J K L M N GV"`
	SiteNumber      string `json:"site_number" validate:"required,digits,min=4,max=10"`
	SiteName        string `json:"site_name" validate:"required,notblank,singleline,max=200"`
	Country         string `json:"country" validate:"required,iso3166_1_alpha2"`
	Currency        string `json:"currency" validate:"required,iso4217"`
	PrimaryEmail    string `json:"primary_contact_email" validate:"required,email,max=254"`
}

// POST /v1/enrollments (IBM-side ibm-ops)
func (h *Handlers) postEnrollment(c *gin.Context) error {
	var b enrollmentBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	kind := models.SiteKind(b.Kind)
	if kind == models.SiteExpress && b.AgreementNumber != "" {
		return api.Invalid(api.FieldError{Field: "agreement_number", Detail: "an Express site has no agreement"})
	}
	email, err := auth.NormalizeEmail(b.PrimaryEmail)
	if err != nil {
		return api.Invalid(api.FieldError{Field: "primary_contact_email", Detail: "must be an email address"})
	}
	e := svc.Enrollment{
		Kind: kind, CustomerNumber: b.CustomerNumber, CustomerName: b.CustomerName, AgreementNumber: b.AgreementNumber,
		VolumeLevel: b.VolumeLevel, SiteNumber: b.SiteNumber, SiteName: b.SiteName, Country: b.Country,
		Currency: b.Currency, PrimaryEmail: email,
	}
	if b.Anniversary != "" {
		if e.Anniversary, err = time.Parse(time.DateOnly, b.Anniversary); err != nil {
			return api.Invalid(api.FieldError{Field: "anniversary", Detail: "must be a date like 2006-01-02"})
		}
	}
	site, err := h.svc().Enroll(c, api.Actor(c), e)
	if err != nil {
		return api.RuleProblem(err)
	}
	c.Header("Location", "/v1/sites/"+site.SiteNumber)
	c.JSON(http.StatusCreated, gin.H{"site_number": site.SiteNumber, "kind": site.Kind, "primary_contact": email})
	return nil
}
