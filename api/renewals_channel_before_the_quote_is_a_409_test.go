package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// A channel is chosen once the renewal quote is issued (F5): before it,
// the renewal's status is what is wrong (409 naming it), whatever the
// body says, even a Business Partner channel without a partner.
func TestRenewalsChannelBeforeTheQuoteIsA409(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	fx := renewalFixture(t, a.Runtime.DB, renewalSpec{site: "300001", due: time.Now().UTC().AddDate(0, 0, 100).Truncate(24 * time.Hour),
		status: models.RenewalVerifying})
	before := auditCount(t, a)
	for _, body := range []map[string]any{{"channel": "business_partner"}, {"channel": "renewal_rep"}} {
		r := a.Do("POST", "/v1/renewals/"+fx.key+"/channel", tokenFor(a, alice), body)
		p := assertProblem(t, r, http.StatusConflict, "conflict")
		if !strings.Contains(p.Detail, "verifying") {
			t.Errorf("%v: the refusal does not name the status: %q", body, p.Detail)
		}
	}
	if auditCount(t, a) != before {
		t.Error("a refused channel changed something")
	}
}
