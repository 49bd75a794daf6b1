package composecheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
)

// TestComposeTemporalIsSetUpByAdminTools: Temporal runs as
// temporalio/server (never the deprecated auto-setup image) on a schema
// set up by temporalio/admin-tools of the same version; the startup order
// is enforced by depends_on conditions: postgres healthy → schema done →
// server healthy → namespace and search attributes done → api and worker.
func TestComposeTemporalIsSetUpByAdminTools(t *testing.T) {
	root := repoRoot(t)
	p := loadProject(t, root)

	for name, s := range p.Services {
		if strings.Contains(s.Image, "auto-setup") {
			t.Errorf("service %s uses %s: temporalio/auto-setup is deprecated", name, s.Image)
		}
	}
	images := map[string]string{svcSchema: "temporalio/admin-tools", svcTemporal: "temporalio/server", svcSetup: "temporalio/admin-tools"}
	for svc, want := range images {
		if name, _, _ := strings.Cut(p.Services[svc].Image, ":"); name != want {
			t.Errorf("service %s: image %q, want %s", svc, p.Services[svc].Image, want)
		}
	}
	server, tools := imageTag(p.Services[svcTemporal].Image), imageTag(p.Services[svcSchema].Image)
	if !strings.HasPrefix(tools, server) || imageTag(p.Services[svcSetup].Image) != tools {
		t.Errorf("admin-tools %s and %s must match the server's version %s (the schema it ships is the server's)",
			tools, imageTag(p.Services[svcSetup].Image), server)
	}

	t.Run("startup order", func(t *testing.T) {
		for _, dep := range []struct {
			svc, on   string
			condition string
		}{
			{svcSchema, svcPostgres, types.ServiceConditionHealthy},
			{svcTemporal, svcSchema, types.ServiceConditionCompletedSuccessfully},
			{svcSetup, svcTemporal, types.ServiceConditionHealthy},
			{svcUI, svcTemporal, types.ServiceConditionHealthy},
			{svcAPI, svcSetup, types.ServiceConditionCompletedSuccessfully},
			{svcAPI, svcMigrate, types.ServiceConditionCompletedSuccessfully},
			{svcWorker, svcSetup, types.ServiceConditionCompletedSuccessfully},
			{svcWorker, svcMigrate, types.ServiceConditionCompletedSuccessfully},
			{svcMigrate, svcPostgres, types.ServiceConditionHealthy},
		} {
			d, ok := p.Services[dep.svc].DependsOn[dep.on]
			if !ok || d.Condition != dep.condition {
				t.Errorf("%s must depend on %s with condition %s, has %+v", dep.svc, dep.on, dep.condition, d)
			}
		}
	})

	t.Run("schema", func(t *testing.T) {
		s := p.Services[svcSchema]
		script := strings.Join(append(append([]string{}, s.Entrypoint...), s.Command...), " ")
		for _, db := range []struct{ name, dir string }{{"temporal", "temporal"}, {"temporal_visibility", "visibility"}} {
			for _, step := range []string{"create", "setup-schema -v 0.0", "update-schema -d \"$schemas/" + db.dir + "/versioned\""} {
				if !regexp.MustCompile(`--db ` + db.name + ` ` + regexp.QuoteMeta(step)).MatchString(script) {
					t.Errorf("temporal-schema does not run %q on database %s", step, db.name)
				}
			}
		}
		if !strings.Contains(script, "temporal-sql-tool") {
			t.Error("temporal-schema does not run temporal-sql-tool")
		}
		pg, schemaEnv, serverEnv := serviceEnv(t, p.Services[svcPostgres]), serviceEnv(t, s), serviceEnv(t, p.Services[svcTemporal])
		for _, k := range []string{"DB", "DB_PORT", "POSTGRES_USER", "POSTGRES_PWD", "POSTGRES_SEEDS"} {
			if schemaEnv[k] == "" || schemaEnv[k] != serverEnv[k] {
				t.Errorf("%s: the schema tool has %q, the server %q: they must use one database", k, schemaEnv[k], serverEnv[k])
			}
		}
		if schemaEnv["SQL_PASSWORD"] != pg["POSTGRES_PASSWORD"] || schemaEnv["POSTGRES_SEEDS"] != svcPostgres {
			t.Error("temporal-schema must reach the postgres service with its password (SQL_PASSWORD)")
		}
		if s.Restart != types.RestartPolicyNo {
			t.Errorf("temporal-schema is a one-shot: restart %q, want \"no\"", s.Restart)
		}
	})

	t.Run("dynamic config", func(t *testing.T) {
		s := p.Services[svcTemporal]
		file := serviceEnv(t, s)["DYNAMIC_CONFIG_FILE_PATH"]
		var found bool
		for _, v := range s.Volumes {
			if v.Type == types.VolumeTypeBind && strings.HasPrefix("/etc/temporal/"+file, v.Target+"/") {
				if _, err := os.Stat(filepath.Join(absPath(root, v.Source), filepath.Base(file))); err == nil {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("DYNAMIC_CONFIG_FILE_PATH %q is not a file of a bind-mounted directory of the repository", file)
		}
	})

	t.Run("namespace", func(t *testing.T) {
		s := p.Services[svcSetup]
		script := strings.Join(append(append([]string{}, s.Entrypoint...), s.Command...), " ")
		if !strings.Contains(script, "operator namespace create") {
			t.Error("temporal-setup must create the namespace (temporalio/server creates none)")
		}
	})
}
