package deploycheck

import (
	"bufio"
	"bytes"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// secretVars belong in the Secret pao-secrets, never in the ConfigMap.
var secretVars = []string{"DATABASE_URL", "PAO_TOKEN_SECRET", "PAO_CODEC_KEYS", "PAO_CODEC_SECRET", "PAO_SMTP_PASSWORD",
	"PAO_STRIPE_SECRET_KEY", "PAO_DOWNLOAD_SECRET"}

// TestConfigurationIsValidAndSecretFree: in every overlay, the ConfigMap
// holds only variables of internal/config and none of the secret ones;
// with the overlay's secrets.example.env (the keys of the Secret to
// create) it is a configuration that `pao serve` and `pao worker` accept
// (config.LoadFrom and CheckProduction).
func TestConfigurationIsValidAndSecretFree(t *testing.T) {
	known := configVars(reflect.TypeFor[config.Config]())
	for _, dir := range overlays(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			env := map[string]string{}
			for _, o := range build(t, dir) {
				if cm, ok := o.Obj.(*corev1.ConfigMap); ok && strings.HasPrefix(o.Name, "pao-config") {
					for k, v := range cm.Data {
						env[k] = v
					}
				}
			}
			if len(env) == 0 {
				t.Fatal("no pao-config ConfigMap rendered")
			}
			for k := range env {
				if !known[k] {
					t.Errorf("ConfigMap: %s is not a variable of config.Config", k)
				}
				if slices.Contains(secretVars, k) {
					t.Errorf("ConfigMap: %s is a secret; it belongs in the Secret pao-secrets", k)
				}
			}
			secrets := readEnvFile(t, filepath.Join(dir, "secrets.example.env"))
			for k, v := range secrets {
				if !known[k] {
					t.Errorf("secrets.example.env: %s is not a variable of config.Config", k)
				}
				if _, dup := env[k]; dup {
					t.Errorf("%s is in both the ConfigMap and the Secret", k)
				}
				env[k] = v
			}
			if secrets["DATABASE_URL"] == "" {
				t.Error("secrets.example.env: DATABASE_URL missing (the external PostgreSQL)")
			}
			c, err := config.LoadFrom(env)
			if err != nil {
				t.Fatalf("ConfigMap + secrets.example.env: %v", err)
			}
			if err := c.CheckProduction(); err != nil {
				t.Errorf("pao serve would refuse this configuration: %v", err)
			}
			if host, _, err := net.SplitHostPort(c.TemporalAddress); err != nil || host == "127.0.0.1" || host == "localhost" {
				t.Errorf("TEMPORAL_ADDRESS %q must name the Temporal cluster's frontend Service", c.TemporalAddress)
			}
		})
	}
}

// TestWorkloadsRunTheRightCommands: the API runs `pao serve` probed on the
// port of PAO_HTTP_ADDR (/healthz live, /readyz ready), the worker `pao
// worker` with its metrics port PAO_WORKER_METRICS_ADDR, the Job `pao
// migrate`; every pao container reads the ConfigMap and the Secret; each
// subcommand exists in cmd/pao; the Temporal setup Job creates every search
// attribute of internal/temporalx as Keyword.
func TestWorkloadsRunTheRightCommands(t *testing.T) {
	usage, err := os.ReadFile(filepath.Join(repoRoot(t), "cmd", "pao", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range overlays(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			objs := build(t, dir)
			env := readEnvFile(t, filepath.Join(dir, "secrets.example.env"))
			for _, o := range objs {
				if cm, ok := o.Obj.(*corev1.ConfigMap); ok && strings.HasPrefix(o.Name, "pao-config") {
					for k, v := range cm.Data {
						env[k] = v
					}
				}
			}
			c, err := config.LoadFrom(env)
			if err != nil {
				t.Fatalf("ConfigMap + secrets.example.env: %v", err)
			}
			_, httpPort, _ := net.SplitHostPort(c.HTTPAddr)
			_, metricsPort, _ := net.SplitHostPort(c.WorkerMetricsAddr)
			ran := map[string]bool{}
			for _, o := range objs {
				var pod corev1.PodSpec
				switch w := o.Obj.(type) {
				case *appsv1.Deployment:
					pod = w.Spec.Template.Spec
				case *batchv1.Job:
					pod = w.Spec.Template.Spec
				default:
					continue
				}
				for _, ct := range pod.Containers {
					if !strings.Contains(ct.Image, "/pao/pao:") {
						continue
					}
					if len(ct.Args) != 1 || !regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(ct.Args[0])+`\s`).Match(usage) {
						t.Errorf("%s: args %q: want one pao subcommand listed in cmd/pao's usage", o.Name, ct.Args)
						continue
					}
					ran[ct.Args[0]] = true
					if !readsConfig(ct) {
						t.Errorf("%s: does not read both the pao-config ConfigMap and the Secret pao-secrets (envFrom)", o.Name)
					}
					switch ct.Args[0] {
					case "serve":
						checkHTTPProbe(t, o.Name, ct, ct.LivenessProbe, "/healthz", httpPort)
						checkHTTPProbe(t, o.Name, ct, ct.ReadinessProbe, "/readyz", httpPort)
					case "worker":
						if !declaresPort(ct, metricsPort) {
							t.Errorf("%s: does not declare the metrics port %s (PAO_WORKER_METRICS_ADDR)", o.Name, metricsPort)
						}
					}
				}
				if o.Name == "pao-temporal-setup" {
					script := strings.Join(append(slices.Clone(pod.Containers[0].Command), pod.Containers[0].Args...), " ")
					for _, k := range temporalx.SearchAttributeKeys {
						if !regexp.MustCompile(`\b` + regexp.QuoteMeta(k.GetName()) + `\b`).MatchString(script) {
							t.Errorf("pao-temporal-setup does not create search attribute %s", k.GetName())
						}
					}
					if !strings.Contains(script, "--type Keyword") {
						t.Error("pao-temporal-setup must create the search attributes as Keyword")
					}
				}
			}
			for _, sub := range []string{"serve", "worker", "migrate"} {
				if !ran[sub] {
					t.Errorf("no workload runs `pao %s`", sub)
				}
			}
		})
	}
}

func readsConfig(c corev1.Container) bool {
	var cm, secret bool
	for _, ef := range c.EnvFrom {
		cm = cm || (ef.ConfigMapRef != nil && strings.HasPrefix(ef.ConfigMapRef.Name, "pao-config"))
		secret = secret || (ef.SecretRef != nil && ef.SecretRef.Name == "pao-secrets")
	}
	return cm && secret
}

func checkHTTPProbe(t *testing.T, name string, c corev1.Container, p *corev1.Probe, path, port string) {
	t.Helper()
	if p == nil || p.HTTPGet == nil || p.HTTPGet.Path != path {
		t.Errorf("%s: want an HTTP probe on %s", name, path)
		return
	}
	for _, cp := range c.Ports {
		if (cp.Name == p.HTTPGet.Port.String() || portString(cp.ContainerPort) == p.HTTPGet.Port.String()) && portString(cp.ContainerPort) == port {
			return
		}
	}
	t.Errorf("%s: the %s probe's port %s is not container port %s (PAO_HTTP_ADDR)", name, path, p.HTTPGet.Port.String(), port)
}

func declaresPort(c corev1.Container, port string) bool {
	return slices.ContainsFunc(c.Ports, func(p corev1.ContainerPort) bool { return portString(p.ContainerPort) == port })
}

// readEnvFile reads KEY=VALUE lines as `kubectl create secret
// --from-env-file` does (comments and blank lines skipped).
func readEnvFile(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (every overlay documents its Secret's keys there)", err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not KEY=VALUE", path, line)
		}
		out[k] = v
	}
	return out
}

// configVars returns the names of the env tags of a config struct.
func configVars(typ reflect.Type) map[string]bool {
	vars := map[string]bool{}
	for f := range typ.Fields() {
		tag, ok := f.Tag.Lookup("env")
		if !ok && f.Type.Kind() == reflect.Struct {
			for k := range configVars(f.Type) {
				vars[f.Tag.Get("envPrefix")+k] = true
			}
			continue
		}
		if name, _, _ := strings.Cut(tag, ","); name != "" {
			vars[name] = true
		}
	}
	return vars
}
