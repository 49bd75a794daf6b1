package deploycheck

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestOverlaysBuildAndDecodeStrictly: every overlay builds with kustomize's
// Go API and each object it renders decodes strictly into the official
// Kubernetes type of its kind; each overlay renders the API (Deployment,
// Service, HPA, PDB), the worker (Deployment, HPA, PDB) and the migration
// Job.
func TestOverlaysBuildAndDecodeStrictly(t *testing.T) {
	for _, dir := range overlays(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			objs := build(t, dir)
			have := map[string][]string{}
			for _, o := range objs {
				have[o.Kind] = append(have[o.Kind], o.Name)
			}
			for kind, names := range map[string][]string{
				"Deployment":              {"pao-api", "pao-worker"},
				"Service":                 {"pao-api"},
				"HorizontalPodAutoscaler": {"pao-api", "pao-worker"},
				"PodDisruptionBudget":     {"pao-api", "pao-worker"},
				"Job":                     {"pao-migrate"},
				"ConfigMap":               nil,
			} {
				if len(have[kind]) == 0 {
					t.Errorf("no %s rendered", kind)
				}
				for _, n := range names {
					if !slices.Contains(have[kind], n) {
						t.Errorf("%s %s not rendered (have %v)", kind, n, have[kind])
					}
				}
			}
			if len(have["Secret"]) > 0 {
				t.Errorf("Secrets %v are rendered: no secret belongs in deploy/ (create pao-secrets in the cluster)", have["Secret"])
			}
		})
	}
}
