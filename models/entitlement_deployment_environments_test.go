package models_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// A deployment is in production, test, development or disaster recovery;
// nothing else (spelled as the API and the database spell them).
func TestEntitlementDeploymentEnvironments(t *testing.T) {
	for _, e := range []string{"production", "test", "development", "disaster_recovery"} {
		if !models.DeploymentEnvironment(e).Valid() {
			t.Errorf("%q is refused", e)
		}
	}
	for _, e := range []string{"", "dr", "Production", "staging", "prod"} {
		if models.DeploymentEnvironment(e).Valid() {
			t.Errorf("%q is accepted", e)
		}
	}
	if len(models.DeploymentEnvironments) != 4 {
		t.Errorf("%d environments, want 4", len(models.DeploymentEnvironments))
	}
}
