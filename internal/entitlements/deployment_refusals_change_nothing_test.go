package entitlements_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// Bad input is refused naming the field; a part number the site does not
// hold, or another site's deployment (asked of this site), is
// ErrNotFound. None of them records or audits anything.
func TestDeploymentRefusalsChangeNothing(t *testing.T) {
	f := newFixture(t)
	hq, eu := f.siteID(acmeHQ), f.siteID(acmeEU)
	theirs := f.add(acmeEU, "E0MQ2LL", "Frankfurt MQ", models.EnvProduction, 10)
	deployments, audits := f.count(`SELECT count(*) FROM deployments`), f.count(`SELECT count(*) FROM audit_log`)

	ok := entitlements.DeploymentInput{Name: "Austin", Environment: models.EnvProduction, Quantity: 1}
	with := func(change func(*entitlements.DeploymentInput)) entitlements.DeploymentInput {
		in := ok
		change(&in)
		return in
	}
	bad := []struct {
		in    entitlements.DeploymentInput
		field string
	}{
		{with(func(in *entitlements.DeploymentInput) { in.Name = "   " }), "name"},
		{with(func(in *entitlements.DeploymentInput) { in.Name = "two\nlines" }), "name"},
		{with(func(in *entitlements.DeploymentInput) { in.Name = "paragraph\u2029separator" }), "name"},
		{with(func(in *entitlements.DeploymentInput) { in.Name = strings.Repeat("n", 201) }), "name"},
		{with(func(in *entitlements.DeploymentInput) { in.Environment = "staging" }), "environment"},
		{with(func(in *entitlements.DeploymentInput) { in.Quantity = 0 }), "quantity"},
		{with(func(in *entitlements.DeploymentInput) { in.Quantity = -3 }), "quantity"},
		{with(func(in *entitlements.DeploymentInput) { in.Quantity = models.MaxDeploymentQuantity + 1 }), "quantity"},
		{with(func(in *entitlements.DeploymentInput) { in.Note = "bell\a" }), "note"},
		{with(func(in *entitlements.DeploymentInput) { in.Note = strings.Repeat("n", 2001) }), "note"},
	}
	for _, b := range bad {
		_, err := f.svc.AddDeployment(f.ctx(), f.editor(), hq, "E0R50LL", b.in)
		var fe *entitlements.FieldError
		if !errors.As(err, &fe) || fe.Field != b.field || fe.Detail == "" {
			t.Errorf("add %+v: %v, want a field error naming %s", b.in, err, b.field)
		}
	}
	zero := int64(0)
	var fe *entitlements.FieldError
	if _, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), eu, theirs.Deployment.ID, entitlements.DeploymentPatch{Quantity: &zero}); !errors.As(err, &fe) || fe.Field != "quantity" {
		t.Errorf("change to quantity 0: %v, want a field error naming quantity", err)
	}
	for _, part := range []string{"E0MQ2LL", "D0R4ZLL"} {
		if _, err := f.svc.AddDeployment(f.ctx(), f.editor(), hq, part, ok); !errors.Is(err, entitlements.ErrNotFound) {
			t.Errorf("add to %s of %s: %v, want ErrNotFound", part, acmeHQ, err)
		}
	}
	qty := int64(1)
	if _, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), hq, theirs.Deployment.ID, entitlements.DeploymentPatch{Quantity: &qty}); !errors.Is(err, entitlements.ErrNotFound) {
		t.Errorf("change 300002's record as 300001's: %v, want ErrNotFound", err)
	}
	if _, err := f.svc.RemoveDeployment(f.ctx(), f.editor(), hq, theirs.Deployment.ID); !errors.Is(err, entitlements.ErrNotFound) {
		t.Errorf("remove 300002's record as 300001's: %v, want ErrNotFound", err)
	}
	if _, err := f.svc.RemoveDeployment(f.ctx(), f.editor(), eu, theirs.Deployment.ID+1000); !errors.Is(err, entitlements.ErrNotFound) {
		t.Errorf("remove a record that does not exist: %v, want ErrNotFound", err)
	}
	if d, a := f.count(`SELECT count(*) FROM deployments`), f.count(`SELECT count(*) FROM audit_log`); d != deployments || a != audits {
		t.Errorf("refusals changed deployments %d→%d, audit %d→%d", deployments, d, audits, a)
	}
	if got, err := f.svc.Deployment(f.ctx(), theirs.Deployment.ID); err != nil || got.Quantity != 10 || got.SiteID != eu {
		t.Errorf("300002's record after the refusals: %+v %v", got, err)
	}
}
