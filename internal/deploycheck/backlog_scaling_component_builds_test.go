package deploycheck

import (
	"os"
	"path/filepath"
	"testing"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
)

// TestBacklogScalingComponentBuilds: the optional component that scales
// the worker on Temporal's task-queue backlog, added to the production
// overlay, builds and decodes strictly, and turns the worker's HPA into one
// on the external backlog metric.
func TestBacklogScalingComponentBuilds(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	// kustomize takes other kustomizations by relative path only.
	rel := func(p string) string {
		r, err := filepath.Rel(dir, filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	k := "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - " +
		rel("deploy/overlays/production") + "\ncomponents:\n  - " + rel("deploy/components/worker-backlog-hpa") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(k), 0o600); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, o := range build(t, dir) {
		hpa, ok := o.Obj.(*autoscalingv2.HorizontalPodAutoscaler)
		if !ok || o.Name != "pao-worker" {
			continue
		}
		found = true
		var external bool
		for _, m := range hpa.Spec.Metrics {
			if m.Type == autoscalingv2.ExternalMetricSourceType && m.External != nil && m.External.Metric.Name == "temporal_approximate_backlog_count" {
				external = true
			}
		}
		if !external {
			t.Errorf("worker HPA metrics %+v: no external backlog metric", hpa.Spec.Metrics)
		}
	}
	if !found {
		t.Fatal("no pao-worker HPA rendered")
	}
}
