package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// Recording deployments over HTTP: each answer carries the entitlement's
// usage; deploying more licences than owned is accepted (201) and flagged
// over_deployed, in the answer, the inventory and the entitlement with its
// records; lowering a record's quantity clears the flag, removing it
// gives the licences back.
func TestEntitlementsShowDeployedVsOwned(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	// 300001 owns 16 licences of E0R50LL.
	_, u := addDeployment(t, a, "300001", "E0R50LL", carol, "Austin prod", 10)
	if u != (deploymentUsage{Owned: 16, Deployed: 10, Available: 6}) {
		t.Errorf("usage after 10: %+v", u)
	}
	id, u := addDeployment(t, a, "300001", "E0R50LL", carol, "Austin DR", 8)
	if u != (deploymentUsage{Owned: 16, Deployed: 18, Available: -2, OverDeployed: true}) {
		t.Errorf("usage after 18 of 16: %+v, want over-deployed", u)
	}
	inventory := entitlementPages(t, a, acmeSite+"/entitlements", dave, 10)
	if e, ok := rowOf(inventory, "E0R50LL"); !ok || e.Quantity != 16 || e.Deployed != 18 || e.Available != -2 || !e.OverDeployed || e.DeploymentCount != 2 {
		t.Errorf("inventory as dave: %+v", e)
	}

	var one struct {
		entitlementRow
		Deployments []struct {
			ID          int64  `json:"id"`
			Name        string `json:"name"`
			Environment string `json:"environment"`
			Quantity    int64  `json:"quantity"`
			CreatedBy   string `json:"created_by"`
		} `json:"deployments"`
	}
	r := a.Do("GET", acmeSite+"/entitlements/e0r50ll", tokenFor(a, dave), nil)
	ok(t, r, http.StatusOK)
	r.JSON(t, &one)
	if !one.OverDeployed || len(one.Deployments) != 2 || one.Deployments[1].ID != id || one.Deployments[1].Quantity != 8 ||
		one.Deployments[0].CreatedBy != carol || one.Links["deployments"] != acmeSite+"/entitlements/E0R50LL/deployments" {
		t.Errorf("E0R50LL with its records: %s", r.Body)
	}

	path := fmt.Sprintf("/v1/deployments/%d", id)
	r = a.Do("PATCH", path, tokenFor(a, carol), map[string]any{"quantity": 6})
	ok(t, r, http.StatusOK)
	var patched struct {
		Quantity int64           `json:"quantity"`
		Usage    deploymentUsage `json:"usage"`
	}
	r.JSON(t, &patched)
	if patched.Quantity != 6 || patched.Usage != (deploymentUsage{Owned: 16, Deployed: 16, Available: 0}) {
		t.Errorf("after lowering to 6: %s", r.Body)
	}
	r = a.Do("DELETE", path, tokenFor(a, carol), nil)
	ok(t, r, http.StatusOK)
	if e, _ := rowOf(entitlementPages(t, a, acmeSite+"/entitlements", dave, 10), "E0R50LL"); e.Deployed != 10 || e.OverDeployed || e.DeploymentCount != 1 {
		t.Errorf("after removing the DR record: %+v", e)
	}
	if r := a.Do("GET", path, tokenFor(a, carol), nil); r.Status != http.StatusNotFound {
		t.Errorf("GET the removed record = %d", r.Status)
	}
}
