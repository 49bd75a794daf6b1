package deploycheck

import (
	"fmt"
	"path/filepath"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

func portString(p int32) string { return fmt.Sprint(p) }

// TestWiringMatches: in every overlay, each Deployment's selector selects
// its own pod template and no other Deployment's; each Service and PDB
// selects the pods of a Deployment (a Service on a port those pods
// declare); each HPA scales a Deployment that exists, min ≤ max; every
// ConfigMap a workload reads is rendered.
func TestWiringMatches(t *testing.T) {
	for _, dir := range overlays(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			objs := build(t, dir)
			deps := map[string]*appsv1.Deployment{}
			configMaps := map[string]bool{}
			var pods []corev1.PodSpec
			for _, o := range objs {
				switch w := o.Obj.(type) {
				case *appsv1.Deployment:
					deps[o.Name] = w
					pods = append(pods, w.Spec.Template.Spec)
				case *batchv1.Job:
					pods = append(pods, w.Spec.Template.Spec)
				case *corev1.ConfigMap:
					configMaps[o.Name] = true
				}
			}
			for name, d := range deps {
				sel := selector(t, d.Spec.Selector)
				if !sel.Matches(labels.Set(d.Spec.Template.Labels)) {
					t.Errorf("Deployment %s: selector %v does not select its pod template %v", name, sel, d.Spec.Template.Labels)
				}
				for other, od := range deps {
					if other != name && sel.Matches(labels.Set(od.Spec.Template.Labels)) {
						t.Errorf("Deployment %s: selector %v also selects the pods of %s", name, sel, other)
					}
				}
			}
			for _, o := range objs {
				switch w := o.Obj.(type) {
				case *corev1.Service:
					d := selected(deps, labels.SelectorFromSet(w.Spec.Selector))
					if len(w.Spec.Selector) == 0 || d == nil {
						t.Errorf("Service %s: selector %v selects no Deployment's pods", o.Name, w.Spec.Selector)
						continue
					}
					for _, p := range w.Spec.Ports {
						if !declares(d.Spec.Template.Spec, p.TargetPort.String()) {
							t.Errorf("Service %s: targetPort %s is not a port of %s's containers", o.Name, p.TargetPort.String(), d.Name)
						}
					}
				case *policyv1.PodDisruptionBudget:
					if selected(deps, selector(t, w.Spec.Selector)) == nil {
						t.Errorf("PodDisruptionBudget %s selects no Deployment's pods", o.Name)
					}
				case *autoscalingv2.HorizontalPodAutoscaler:
					ref := w.Spec.ScaleTargetRef
					if ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || deps[ref.Name] == nil {
						t.Errorf("HPA %s scales %s %s %s, not a rendered Deployment", o.Name, ref.APIVersion, ref.Kind, ref.Name)
					}
					if w.Spec.MinReplicas == nil || *w.Spec.MinReplicas < 1 || *w.Spec.MinReplicas > w.Spec.MaxReplicas || len(w.Spec.Metrics) == 0 {
						t.Errorf("HPA %s: want 1 ≤ minReplicas ≤ maxReplicas and at least one metric", o.Name)
					}
				}
			}
			for _, p := range pods {
				for _, c := range append(append([]corev1.Container{}, p.InitContainers...), p.Containers...) {
					for _, ef := range c.EnvFrom {
						if ef.ConfigMapRef != nil && !configMaps[ef.ConfigMapRef.Name] {
							t.Errorf("container %s reads ConfigMap %s, which is not rendered", c.Name, ef.ConfigMapRef.Name)
						}
					}
					for _, e := range c.Env {
						if r := e.ValueFrom; r != nil && r.ConfigMapKeyRef != nil && !configMaps[r.ConfigMapKeyRef.Name] {
							t.Errorf("container %s reads ConfigMap %s, which is not rendered", c.Name, r.ConfigMapKeyRef.Name)
						}
					}
				}
			}
		})
	}
}

func selector(t *testing.T, ls *metav1.LabelSelector) labels.Selector {
	t.Helper()
	if ls == nil {
		t.Fatal("nil label selector")
	}
	s, err := metav1.LabelSelectorAsSelector(ls)
	if err != nil {
		t.Fatalf("selector %v: %v", ls, err)
	}
	if s.Empty() {
		t.Fatalf("empty selector %v selects everything", ls)
	}
	return s
}

// selected returns the Deployment whose pods sel selects, nil if none.
func selected(deps map[string]*appsv1.Deployment, sel labels.Selector) *appsv1.Deployment {
	for _, d := range deps {
		if sel.Matches(labels.Set(d.Spec.Template.Labels)) {
			return d
		}
	}
	return nil
}

// declares reports whether a container of the pod has the port (name or
// number).
func declares(pod corev1.PodSpec, port string) bool {
	for _, c := range pod.Containers {
		for _, p := range c.Ports {
			if p.Name == port || portString(p.ContainerPort) == port {
				return true
			}
		}
	}
	return false
}
