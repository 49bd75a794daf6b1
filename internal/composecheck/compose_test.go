package composecheck

import (
	"context"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// The services the stack needs, by their names in docker-compose.yml.
const (
	svcPostgres = "postgres"
	svcSchema   = "temporal-schema"
	svcTemporal = "temporal"
	svcSetup    = "temporal-setup"
	svcUI       = "temporal-ui"
	svcMailpit  = "mailpit"
	svcMigrate  = "migrate"
	svcAPI      = "api"
	svcWorker   = "worker"
)

// appServices run the pao binary, with the configuration from the environment.
var appServices = map[string]string{svcMigrate: "migrate", svcAPI: "serve", svcWorker: "worker"}

// requiredVars must be set explicitly: their defaults suit `pao dev` only.
var requiredVars = []string{
	"DATABASE_URL", "TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE",
	"PAO_TASK_QUEUE", "PAO_HTTP_ADDR", "PAO_TOKEN_SECRET",
}

func TestComposeFile(t *testing.T) {
	root := repoRoot(t)
	p := loadProject(t, root)

	for _, name := range []string{svcPostgres, svcSchema, svcTemporal, svcSetup, svcUI, svcMailpit, svcMigrate, svcAPI, svcWorker} {
		if _, ok := p.Services[name]; !ok {
			t.Fatalf("service %q missing from docker-compose.yml", name)
		}
	}

	t.Run("images pinned", func(t *testing.T) {
		for name, s := range p.Services {
			if s.Build != nil {
				continue
			}
			if tag := imageTag(s.Image); tag == "" || tag == "latest" {
				t.Errorf("service %s: image %q is not pinned to a tag", name, s.Image)
			}
		}
	})

	t.Run("ports", func(t *testing.T) {
		_, httpPort := splitHostPort(t, appEnv(t, p, svcAPI)["PAO_HTTP_ADDR"])
		if !publishes(p.Services[svcAPI], httpPort, "8080") {
			t.Errorf("api must publish container port %d (PAO_HTTP_ADDR) as 8080", httpPort)
		}
		if !publishes(p.Services[svcUI], 8080, "8233") {
			t.Errorf("temporal-ui must publish its port 8080 as 8233")
		}
		if !publishes(p.Services[svcTemporal], 7233, "7233") {
			t.Errorf("temporal must publish 7233")
		}
	})

	t.Run("app services built from the Dockerfile", func(t *testing.T) {
		for name, sub := range appServices {
			s := p.Services[name]
			if !slices.Equal([]string(s.Command), []string{sub}) {
				t.Errorf("service %s: command %q, want [%q]", name, s.Command, sub)
			}
			if s.Build == nil {
				t.Errorf("service %s: not built from the Dockerfile", name)
				continue
			}
			if ctx := absPath(root, s.Build.Context); ctx != root {
				t.Errorf("service %s: build context %s, want the repository root %s", name, ctx, root)
			}
			if df := s.Build.Dockerfile; df != "" && absPath(root, df) != filepath.Join(root, "Dockerfile") {
				t.Errorf("service %s: dockerfile %s, want Dockerfile at the root", name, df)
			}
		}
		checkDockerfile(t, root)
	})

	t.Run("environment is valid configuration", func(t *testing.T) {
		known := configVars(reflect.TypeFor[config.Config]())
		for name := range appServices {
			env := appEnv(t, p, name)
			for k := range env {
				if !known[k] {
					t.Errorf("service %s: %s is not a variable of config.Config", name, k)
				}
			}
			for _, k := range requiredVars {
				if env[k] == "" {
					t.Errorf("service %s: %s is not set", name, k)
				}
			}
			c, err := config.LoadFrom(env)
			if err != nil {
				t.Errorf("service %s: %v", name, err)
				continue
			}
			// serve and worker refuse settings only fit for `pao dev`.
			if name != svcMigrate {
				if err := c.CheckProduction(); err != nil {
					t.Errorf("service %s: `pao %s` would refuse to start: %v", name, appServices[name], err)
				}
			}
		}
		if !reflect.DeepEqual(appEnv(t, p, svcAPI), appEnv(t, p, svcWorker)) {
			t.Errorf("api and worker must share one environment (x-pao-env)")
		}
	})

	t.Run("environment points at the services", func(t *testing.T) {
		env := appEnv(t, p, svcAPI)

		host, port := splitHostPort(t, env["TEMPORAL_ADDRESS"])
		if host != svcTemporal || !exposes(p.Services[svcTemporal], port) {
			t.Errorf("TEMPORAL_ADDRESS %q: want %s:<a port it exposes>", env["TEMPORAL_ADDRESS"], svcTemporal)
		}

		u, err := url.Parse(env["DATABASE_URL"])
		if err != nil {
			t.Fatalf("DATABASE_URL: %v", err)
		}
		pg := serviceEnv(t, p.Services[svcPostgres])
		pwd, _ := u.User.Password()
		if u.Hostname() != svcPostgres || u.Port() != "5432" {
			t.Errorf("DATABASE_URL host %q: want %s:5432", u.Host, svcPostgres)
		}
		if u.User.Username() != pg["POSTGRES_USER"] || pwd != pg["POSTGRES_PASSWORD"] || strings.TrimPrefix(u.Path, "/") != pg["POSTGRES_DB"] {
			t.Errorf("DATABASE_URL user, password or database differ from the postgres service's POSTGRES_USER/PASSWORD/DB")
		}
		tmp := serviceEnv(t, p.Services[svcTemporal])
		if tmp["POSTGRES_SEEDS"] != svcPostgres || tmp["POSTGRES_USER"] != pg["POSTGRES_USER"] || tmp["POSTGRES_PWD"] != pg["POSTGRES_PASSWORD"] {
			t.Errorf("temporal: POSTGRES_SEEDS/USER/PWD must point at the postgres service and its credentials")
		}

		_, smtpPort := splitHostPort(t, net.JoinHostPort(env["PAO_SMTP_HOST"], env["PAO_SMTP_PORT"]))
		if env["PAO_SMTP_HOST"] != svcMailpit || !exposes(p.Services[svcMailpit], smtpPort) {
			t.Errorf("PAO_SMTP_HOST/PORT %s:%s: want %s and a port it exposes", env["PAO_SMTP_HOST"], env["PAO_SMTP_PORT"], svcMailpit)
		}

		if ns := serviceEnv(t, p.Services[svcSetup])["NAMESPACE"]; ns != env["TEMPORAL_NAMESPACE"] {
			t.Errorf("temporal-setup works on namespace %q, the app uses %q", ns, env["TEMPORAL_NAMESPACE"])
		}
	})

	t.Run("dependencies and healthchecks", func(t *testing.T) {
		for name := range appServices {
			deps := dependencies(p, name)
			if !deps[svcPostgres] {
				t.Errorf("service %s does not depend on %s", name, svcPostgres)
			}
			if name != svcMigrate && (!deps[svcTemporal] || !deps[svcSetup] || !deps[svcMigrate]) {
				t.Errorf("service %s must depend on %s, %s and %s", name, svcMigrate, svcTemporal, svcSetup)
			}
		}
		for name, s := range p.Services {
			for dep, d := range s.DependsOn {
				target := p.Services[dep]
				switch d.Condition {
				case types.ServiceConditionHealthy:
					if !hasHealthcheck(target) {
						t.Errorf("%s waits for %s to be healthy, which has no healthcheck", name, dep)
					}
				case types.ServiceConditionCompletedSuccessfully:
					if target.Restart != types.RestartPolicyNo {
						t.Errorf("%s waits for one-shot %s, whose restart is %q, want \"no\"", name, dep, target.Restart)
					}
				}
			}
		}
		for _, name := range []string{svcPostgres, svcTemporal, svcAPI} {
			if !hasHealthcheck(p.Services[name]) {
				t.Errorf("service %s has no healthcheck", name)
			}
		}
		_, httpPort := splitHostPort(t, appEnv(t, p, svcAPI)["PAO_HTTP_ADDR"])
		if hc := strings.Join(p.Services[svcAPI].HealthCheck.Test, " "); !strings.Contains(hc, ":"+strconv.Itoa(httpPort)+"/healthz") {
			t.Errorf("api healthcheck %q does not probe /healthz on port %d", hc, httpPort)
		}
	})

	t.Run("search attributes", func(t *testing.T) {
		s := p.Services[svcSetup]
		script := strings.Join(append(slices.Clone(s.Entrypoint), s.Command...), " ")
		for _, k := range temporalx.SearchAttributeKeys {
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(k.GetName()) + `\b`).MatchString(script) {
				t.Errorf("temporal-setup does not create search attribute %s", k.GetName())
			}
		}
		if !strings.Contains(script, "--type Keyword") {
			t.Errorf("temporal-setup must create the search attributes as Keyword")
		}
	})
}

// repoRoot walks up from the working directory to the directory of go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// loadProject loads docker-compose.yml with an empty environment, so every
// ${VAR:-default} takes its default.
func loadProject(t *testing.T, root string) *types.Project {
	t.Helper()
	details := types.ConfigDetails{
		WorkingDir:  root,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(root, "docker-compose.yml")}},
		Environment: types.Mapping{},
	}
	p, err := loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("pao", true)
	})
	if err != nil {
		t.Fatalf("load docker-compose.yml: %v", err)
	}
	return p
}

// checkDockerfile checks that the Dockerfile builds ./cmd/pao with the Go
// version of go.mod and runs the binary as its entrypoint.
func checkDockerfile(t *testing.T, root string) {
	t.Helper()
	df, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatalf("Dockerfile: %v", err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	argVersion := regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)$`).FindSubmatch(df)
	if goVersion == nil || argVersion == nil || string(goVersion[1]) != string(argVersion[1]) {
		t.Errorf("Dockerfile ARG GO_VERSION must equal the go directive of go.mod")
	}
	for _, want := range []string{"FROM golang:${GO_VERSION}", "go build", "./cmd/pao", `ENTRYPOINT ["/usr/local/bin/pao"]`, "EXPOSE 8080", "USER "} {
		if !strings.Contains(string(df), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	if st, err := os.Stat(filepath.Join(root, "cmd", "pao")); err != nil || !st.IsDir() {
		t.Errorf("cmd/pao, which the Dockerfile builds, is not a directory")
	}
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

// serviceEnv returns a service's environment; a variable without a value
// (taken from the host) fails the test.
func serviceEnv(t *testing.T, s types.ServiceConfig) map[string]string {
	t.Helper()
	env := make(map[string]string, len(s.Environment))
	for k, v := range s.Environment {
		if v == nil {
			t.Fatalf("service %s: %s has no value", s.Name, k)
		}
		env[k] = *v
	}
	return env
}

func appEnv(t *testing.T, p *types.Project, name string) map[string]string {
	t.Helper()
	return serviceEnv(t, p.Services[name])
}

func splitHostPort(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("%q: %v", addr, err)
	}
	n, err := strconv.Atoi(port)
	if err != nil {
		t.Fatalf("%q: port: %v", addr, err)
	}
	return host, n
}

// imageTag returns the tag of an image reference, "" when it has none.
func imageTag(image string) string {
	name, _, _ := strings.Cut(image, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		return name[i+1:]
	}
	return ""
}

func publishes(s types.ServiceConfig, target int, published string) bool {
	return slices.ContainsFunc(s.Ports, func(p types.ServicePortConfig) bool {
		return int(p.Target) == target && p.Published == published
	})
}

// exposes tells whether the service declares the container port, by ports
// or expose.
func exposes(s types.ServiceConfig, port int) bool {
	return slices.ContainsFunc(s.Ports, func(p types.ServicePortConfig) bool { return int(p.Target) == port }) ||
		slices.Contains(s.Expose, strconv.Itoa(port))
}

func hasHealthcheck(s types.ServiceConfig) bool {
	return s.HealthCheck != nil && !s.HealthCheck.Disable && len(s.HealthCheck.Test) > 0
}

// dependencies returns every service that name depends on, directly or not.
func dependencies(p *types.Project, name string) map[string]bool {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		for dep := range p.Services[n].DependsOn {
			if !seen[dep] {
				seen[dep] = true
				walk(dep)
			}
		}
	}
	walk(name)
	return seen
}

func absPath(root, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	return filepath.Clean(p)
}
