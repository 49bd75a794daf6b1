package deploycheck

import (
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

// TestWorkloadsAreProbedLimitedHardenedAndPinned: in every overlay, each
// Deployment's containers have liveness and readiness probes on a port
// they declare, and every workload's containers (Jobs too) have CPU and
// memory requests and a memory limit, run as non-root with a read-only
// root filesystem, no privilege escalation and no capabilities, from an
// image pinned by tag (or digest).
func TestWorkloadsAreProbedLimitedHardenedAndPinned(t *testing.T) {
	for _, dir := range overlays(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, o := range build(t, dir) {
				switch w := o.Obj.(type) {
				case *appsv1.Deployment:
					checkPod(t, "Deployment "+o.Name, w.Spec.Template.Spec, true)
				case *batchv1.Job:
					checkPod(t, "Job "+o.Name, w.Spec.Template.Spec, false)
				}
			}
		})
	}
}

func checkPod(t *testing.T, what string, pod corev1.PodSpec, probed bool) {
	t.Helper()
	if pod.SecurityContext == nil || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot ||
		pod.SecurityContext.RunAsUser == nil || *pod.SecurityContext.RunAsUser == 0 {
		t.Errorf("%s: the pod must run as a non-root numeric user (runAsNonRoot, runAsUser)", what)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Errorf("%s: mounts a service account token it does not need", what)
	}
	if len(pod.Containers) == 0 {
		t.Errorf("%s: no containers", what)
	}
	for _, c := range append(append([]corev1.Container{}, pod.InitContainers...), pod.Containers...) {
		where := what + " container " + c.Name
		if !pinned(c.Image) {
			t.Errorf("%s: image %q is not pinned by tag or digest", where, c.Image)
		}
		req := c.Resources.Requests
		if req.Cpu().IsZero() || req.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
			t.Errorf("%s: needs CPU and memory requests and a memory limit, has %v", where, c.Resources)
		}
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
			sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
			sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" {
			t.Errorf("%s: needs readOnlyRootFilesystem, allowPrivilegeEscalation false and capabilities drop [ALL]", where)
		}
		if !probed {
			continue
		}
		for name, p := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe} {
			if p == nil {
				t.Errorf("%s: no %s probe", where, name)
				continue
			}
			if !probesDeclaredPort(p, c) {
				t.Errorf("%s: the %s probe is not on a port the container declares", where, name)
			}
		}
	}
}

// pinned: a registry image with a tag other than latest, or a digest.
func pinned(image string) bool {
	if strings.Contains(image, "@sha256:") {
		return true
	}
	name := image
	i := strings.LastIndex(name, ":")
	if i <= strings.LastIndex(name, "/") {
		return false
	}
	tag := name[i+1:]
	return tag != "" && tag != "latest"
}

// probesDeclaredPort: the probe is an HTTP GET or TCP check on a port
// (by name or number) of the container.
func probesDeclaredPort(p *corev1.Probe, c corev1.Container) bool {
	var port string
	switch {
	case p.HTTPGet != nil:
		port = p.HTTPGet.Port.String()
	case p.TCPSocket != nil:
		port = p.TCPSocket.Port.String()
	default:
		return p.Exec != nil || p.GRPC != nil
	}
	for _, cp := range c.Ports {
		if cp.Name == port || portString(cp.ContainerPort) == port {
			return true
		}
	}
	return false
}
