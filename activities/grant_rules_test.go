package activities_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// The grant checks the approver's standing now, not when they decided: an
// approver who lost manage access meanwhile cannot grant, and the refusal
// is the non-retryable GrantRefused the workflow turns into a rejection.
func TestGrantRefusedWhenTheApproverNoLongerMayGrant(t *testing.T) {
	f := newFixture(t)
	f.exec(t, "UPDATE site_access SET manage_access = 0 WHERE site_id = ? AND user_id = ?", f.in.SiteID, f.userID(t, grace))
	p := downloadsAndReporting
	app := wantNonRetryable(t, f.run(accessrequest.ActivityApproveRequest, approval(f.in, grace, &p, nil)), accessrequest.ErrGrantRefused)
	if !strings.Contains(app.Message(), "manage_access=update") {
		t.Fatalf("refusal %q does not name the rule", app.Message())
	}
	if got := f.access(t, frank); got != (models.Privileges{}) {
		t.Fatalf("privileges = %+v after a refused grant", got)
	}
}

// A non-Primary approver cannot grant more than they hold, by the same
// rule as any privilege change (models.GrantCheck), nor manage access.
func TestGrantRefusedAboveTheApproversOwnLevel(t *testing.T) {
	f := newFixture(t)
	// grace holds software=full but not entitlements=update.
	p := models.Privileges{Entitlements: models.LevelUpdate}
	wantNonRetryable(t, f.run(accessrequest.ActivityGrantRequest, approval(f.in, grace, &p, nil)), accessrequest.ErrGrantRefused)
	m := models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelView}
	wantNonRetryable(t, f.run(accessrequest.ActivityGrantRequest, approval(f.in, grace, &m, nil)), accessrequest.ErrGrantRefused)
	// The Primary may grant both (B2).
	both := models.Privileges{Entitlements: models.LevelUpdate, ManageAccess: models.LevelView}
	f.mustRun(t, accessrequest.ActivityGrantRequest, approval(f.in, alice, &both, nil))
	if got := f.access(t, frank); got != both {
		t.Fatalf("privileges = %+v, want %+v", got, both)
	}
}

// An approver unknown to the database holds nothing.
func TestGrantRefusedForAnUnknownApprover(t *testing.T) {
	f := newFixture(t)
	p := downloadsAndReporting
	wantNonRetryable(t, f.run(accessrequest.ActivityGrantRequest, approval(f.in, "nobody@acme.example.com", &p, nil)), accessrequest.ErrGrantRefused)
}

// A site that no longer exists cannot be granted: refused, not retried.
func TestGrantRefusedWhenTheSiteIsGone(t *testing.T) {
	f := newFixture(t)
	in := f.in
	in.SiteID = 987654321
	p := downloadsAndReporting
	app := wantNonRetryable(t, f.run(accessrequest.ActivityGrantRequest, approval(in, alice, &p, nil)), accessrequest.ErrGrantRefused)
	if !strings.Contains(app.Message(), "no longer exists") {
		t.Fatalf("refusal = %q", app.Message())
	}
}

// A requester that does not exist is a permanent integrity violation, not
// an outage to retry.
func TestGrantToAMissingUserIsNonRetryable(t *testing.T) {
	f := newFixture(t)
	in := f.in
	in.RequesterID = 987654321
	p := downloadsAndReporting
	wantNonRetryable(t, f.run(accessrequest.ActivityGrantRequest, approval(in, alice, &p, nil)), policy.ErrIntegrityViolation)
}

// A grant never lowers what the requester was given meanwhile.
func TestGrantNeverLowersPrivileges(t *testing.T) {
	f := newFixture(t)
	p := downloadsAndReporting
	erinIn := f.in
	erinIn.RequesterID = f.userID(t, erin) // erin holds downloads already
	big := models.Privileges{Software: models.SoftwareFull}
	f.exec(t, "UPDATE site_access SET software = ? WHERE site_id = ? AND user_id = ?", big.Software, f.in.SiteID, erinIn.RequesterID)
	f.mustRun(t, accessrequest.ActivityGrantRequest, approval(erinIn, alice, &p, nil))
	if got := f.access(t, erin); got != big.Max(p) {
		t.Fatalf("privileges = %+v, want %+v", got, big.Max(p))
	}
}
