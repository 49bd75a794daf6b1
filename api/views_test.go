package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

type contactsBody struct {
	SiteNumber string `json:"site_number"`
	Contacts   []struct {
		Role  string `json:"role"`
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"contacts"`
}

// holders lists a site's contacts by role, as the API shows them.
func holders(t *testing.T, a *testenv.App, site, as string) map[string][]string {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site+"/contacts", a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b contactsBody
	r.JSON(t, &b)
	if b.SiteNumber != site {
		t.Fatalf("contacts of %s name site %q", site, b.SiteNumber)
	}
	out := map[string][]string{}
	for _, c := range b.Contacts {
		out[c.Role] = append(out[c.Role], c.Email)
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}

type siteBody struct {
	SiteNumber      string `json:"site_number"`
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	CustomerNumber  string `json:"customer_number"`
	AgreementNumber string `json:"agreement_number"`
	You             struct {
		Primary    bool              `json:"primary"`
		Privileges map[string]string `json:"privileges"`
	} `json:"you"`
}

func getSite(t *testing.T, a *testenv.App, site, as string) siteBody {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site, a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b siteBody
	r.JSON(t, &b)
	return b
}

type meBody struct {
	Email string `json:"email"`
	Sites []struct {
		SiteNumber     string            `json:"site_number"`
		CustomerNumber string            `json:"customer_number"`
		ContactRoles   []string          `json:"contact_roles"`
		Privileges     map[string]string `json:"privileges"`
		Primary        bool              `json:"primary"`
	} `json:"sites"`
}

func me(t *testing.T, a *testenv.App, as string) meBody {
	t.Helper()
	r := a.Do("GET", "/v1/me", a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b meBody
	r.JSON(t, &b)
	return b
}

func userID(t *testing.T, a *testenv.App, email string) int64 {
	t.Helper()
	var u models.User
	if err := a.Runtime.DB.Where("email = ?", email).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u.ID
}

type auditPage struct {
	Entries []struct {
		ID     int64           `json:"id"`
		At     time.Time       `json:"at"`
		Actor  string          `json:"actor"`
		Action string          `json:"action"`
		Before json.RawMessage `json:"before"`
		After  json.RawMessage `json:"after"`
	} `json:"entries"`
	Next string `json:"next"`
}
