package entitlements_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// A deployment name is unique within its entitlement whatever its case: a
// second "austin PROD" is a conflict that records and audits nothing,
// renaming onto another record's name too; the same name on another
// entitlement is fine. Two editors racing with one name leave one record.
func TestDeploymentNamesAreUniquePerEntitlement(t *testing.T) {
	f := newFixture(t)
	site := f.siteID(acmeHQ)
	f.add(acmeHQ, "E0R50LL", "Austin prod", models.EnvProduction, 4)
	audits := f.count(`SELECT count(*) FROM audit_log`)

	_, err := f.svc.AddDeployment(f.ctx(), f.editor(), site, "E0R50LL", entitlements.DeploymentInput{Name: "austin PROD", Environment: models.EnvTest, Quantity: 1})
	var rule *accounts.RuleError
	if !errors.As(err, &rule) || rule.Kind != accounts.Conflict {
		t.Errorf("a second 'austin PROD': %v, want a conflict", err)
	}
	second := f.add(acmeHQ, "E0R50LL", "Austin test", models.EnvTest, 2)
	name := "AUSTIN PROD"
	if _, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), site, second.Deployment.ID, entitlements.DeploymentPatch{Name: &name}); !errors.As(err, &rule) || rule.Kind != accounts.Conflict {
		t.Errorf("renaming onto 'Austin prod': %v, want a conflict", err)
	}
	// Renaming a record to its own name in another case is no conflict.
	own := "AUSTIN TEST"
	if ch, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), site, second.Deployment.ID, entitlements.DeploymentPatch{Name: &own}); err != nil || ch.Deployment.Name != own {
		t.Errorf("renaming to its own name in capitals: %+v %v", ch.Deployment, err)
	}
	if n := f.count(`SELECT count(*) FROM audit_log`); n != audits+2 {
		t.Errorf("%d audit rows written, want 2 (the two accepted changes)", n-audits)
	}
	f.add(acmeHQ, "E0TP9LL", "Austin prod", models.EnvProduction, 1)
	if n := f.count(`SELECT count(*) FROM deployments WHERE lower(name) = 'austin prod'`); n != 2 {
		t.Errorf("%d 'Austin prod' records, want 2 (one per entitlement)", n)
	}

	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.AddDeployment(f.ctx(), f.editor(), site, "E0N7MLL",
				entitlements.DeploymentInput{Name: "SPSS lab", Environment: models.EnvDevelopment, Quantity: 1})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.As(err, &rule) || rule.Kind != accounts.Conflict:
			t.Errorf("racing add: %v, want success or a conflict", err)
		}
	}
	if ok != 1 || f.count(`SELECT count(*) FROM deployments WHERE name = 'SPSS lab'`) != 1 {
		t.Errorf("%d racing adds succeeded, want 1", ok)
	}
}
