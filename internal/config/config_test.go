package config_test

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/config"
)

func TestDefaultsLoadAndAreValid(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"DatabaseURL", c.DatabaseURL, ""},
		{"TemporalAddress", c.TemporalAddress, "127.0.0.1:7233"},
		{"TemporalNamespace", c.TemporalNamespace, "default"},
		{"TaskQueue", c.TaskQueue, "pao"},
		{"HTTPAddr", c.HTTPAddr, ":8080"},
		{"MaxBodyBytes", c.MaxBodyBytes, int64(1 << 20)},
		{"ShutdownTimeout", c.ShutdownTimeout, 15 * time.Second},
		{"LogLevel", c.LogLevel, "info"},
		{"TokenIssuer", c.TokenIssuer, "pao-dev"},
		{"TokenAudience", c.TokenAudience, "pao-api"},
		{"TokenTTL", c.TokenTTL, 12 * time.Hour},
		{"SMTPHost", c.SMTPHost, "127.0.0.1"},
		{"SMTPPort", c.SMTPPort, 1025},
		{"SMTPTLS", c.SMTPTLS, "none"},
		{"MailPoll", c.MailPoll, 2 * time.Second},
		{"RequestRemindAfter", c.RequestRemindAfter, 72 * time.Hour},
		{"RequestEscalateAfter", c.RequestEscalateAfter, 168 * time.Hour},
		{"RequestExpireAfter", c.RequestExpireAfter, 336 * time.Hour},
		{"RequestReconcileEvery", c.RequestReconcileEvery, 5 * time.Minute},
		{"DataDir", c.DataDir, ".data"},
		{"DevMode", c.DevMode, false},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("default %s = %v, want %v", ck.name, ck.got, ck.want)
		}
	}
	if len(c.TokenSecret) < 32 {
		t.Errorf("default token secret is %d bytes, want >= 32", len(c.TokenSecret))
	}
}

// TestLoadFromIgnoresProcessEnvironment: an explicit (even empty) map is the
// whole environment; only nil reads the process environment.
func TestLoadFromIgnoresProcessEnvironment(t *testing.T) {
	t.Setenv("PAO_LOG_LEVEL", "loud")
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatalf("LoadFrom(empty map) read the process environment: %v", err)
	}
	if c.LogLevel != "info" {
		t.Errorf("LogLevel = %q, want the default", c.LogLevel)
	}
	if _, err := config.Load(); err == nil || !strings.Contains(err.Error(), "PAO_LOG_LEVEL") {
		t.Errorf("Load() with PAO_LOG_LEVEL=loud in the environment: err = %v, want one naming PAO_LOG_LEVEL", err)
	}
}

func TestValidValuesLoad(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{
		"DATABASE_URL":                "postgresql://u:p@db:5432/pao?sslmode=disable",
		"TEMPORAL_ADDRESS":            "temporal:7233",
		"PAO_HTTP_ADDR":               "127.0.0.1:0",
		"PAO_SMTP_PORT":               "587",
		"PAO_SMTP_TLS":                "starttls",
		"PAO_LOG_LEVEL":               "debug",
		"PAO_TOKEN_TTL":               "30m",
		"PAO_REQUEST_REMIND_AFTER":    "1s",
		"PAO_REQUEST_ESCALATE_AFTER":  "2s",
		"PAO_REQUEST_EXPIRE_AFTER":    "3s",
		"PAO_REQUEST_RECONCILE_EVERY": "1m",
		"PAO_DEV_MODE":                "true",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPPort != 587 || c.SMTPTLS != "starttls" || c.TokenTTL != 30*time.Minute || !c.DevMode || c.RequestExpireAfter != 3*time.Second ||
		c.RequestReconcileEvery != time.Minute {
		t.Errorf("values not applied: %+v", c)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	tests := []struct {
		name    string
		vars    map[string]string
		varName string
	}{
		{"temporal address without port", map[string]string{"TEMPORAL_ADDRESS": "nocolon"}, "TEMPORAL_ADDRESS"},
		{"empty namespace", map[string]string{"TEMPORAL_NAMESPACE": " "}, "TEMPORAL_NAMESPACE"},
		{"empty task queue", map[string]string{"PAO_TASK_QUEUE": " "}, "PAO_TASK_QUEUE"},
		{"http addr without port", map[string]string{"PAO_HTTP_ADDR": "bad"}, "PAO_HTTP_ADDR"},
		{"short token secret", map[string]string{"PAO_TOKEN_SECRET": "short"}, "PAO_TOKEN_SECRET"},
		{"smtp port not a number", map[string]string{"PAO_SMTP_PORT": "abc"}, "PAO_SMTP_PORT"},
		{"smtp port out of range", map[string]string{"PAO_SMTP_PORT": "70000"}, "PAO_SMTP_PORT"},
		{"smtp port zero", map[string]string{"PAO_SMTP_PORT": "0"}, "PAO_SMTP_PORT"},
		{"smtp tls unknown", map[string]string{"PAO_SMTP_TLS": "maybe"}, "PAO_SMTP_TLS"},
		{"log level unknown", map[string]string{"PAO_LOG_LEVEL": "loud"}, "PAO_LOG_LEVEL"},
		{"database url not postgres", map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{"token ttl negative", map[string]string{"PAO_TOKEN_TTL": "-1h"}, "PAO_TOKEN_TTL"},
		{"token ttl not a duration", map[string]string{"PAO_TOKEN_TTL": "soon"}, "PAO_TOKEN_TTL"},
		{"remind after escalate", map[string]string{"PAO_REQUEST_REMIND_AFTER": "200h"}, "PAO_REQUEST_REMIND_AFTER"},
		{"escalate after expire", map[string]string{"PAO_REQUEST_ESCALATE_AFTER": "400h"}, "PAO_REQUEST_ESCALATE_AFTER"},
		{"remind zero", map[string]string{"PAO_REQUEST_REMIND_AFTER": "0s"}, "PAO_REQUEST_REMIND_AFTER"},
		{"reconcile every below the minimum", map[string]string{"PAO_REQUEST_RECONCILE_EVERY": "5s"}, "PAO_REQUEST_RECONCILE_EVERY"},
		{"reconcile every not a duration", map[string]string{"PAO_REQUEST_RECONCILE_EVERY": "often"}, "PAO_REQUEST_RECONCILE_EVERY"},
		{"mail poll zero", map[string]string{"PAO_MAIL_POLL": "0s"}, "PAO_MAIL_POLL"},
		{"max body zero", map[string]string{"PAO_MAX_BODY_BYTES": "0"}, "PAO_MAX_BODY_BYTES"},
		{"max body not a number", map[string]string{"PAO_MAX_BODY_BYTES": "big"}, "PAO_MAX_BODY_BYTES"},
		{"dev mode not a bool", map[string]string{"PAO_DEV_MODE": "perhaps"}, "PAO_DEV_MODE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.LoadFrom(tc.vars)
			if err == nil {
				t.Fatalf("LoadFrom(%v) = %+v, want an error", tc.vars, c)
			}
			if !strings.Contains(err.Error(), tc.varName) {
				t.Errorf("LoadFrom(%v) error %q does not name %s", tc.vars, err, tc.varName)
			}
			if !reflect.DeepEqual(c, config.Config{}) {
				t.Errorf("LoadFrom returned a non-zero Config alongside the error: %+v", c)
			}
		})
	}
}

// TestSeveralBadValuesAreAllReported: validation reports every problem at
// once, not just the first.
func TestSeveralBadValuesAreAllReported(t *testing.T) {
	_, err := config.LoadFrom(map[string]string{
		"PAO_LOG_LEVEL":  "loud",
		"PAO_SMTP_TLS":   "maybe",
		"PAO_HTTP_ADDR":  "bad",
		"PAO_MAIL_POLL":  "-1s",
		"PAO_TASK_QUEUE": " ",
	})
	if err == nil {
		t.Fatal("no error")
	}
	for _, v := range []string{"PAO_LOG_LEVEL", "PAO_SMTP_TLS", "PAO_HTTP_ADDR", "PAO_MAIL_POLL", "PAO_TASK_QUEUE"} {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error %q does not name %s", err, v)
		}
	}
}

// TestValidateEmptyValues covers values the environment cannot produce: an
// empty variable means "unset" to the env parser, so the default applies.
func TestValidateEmptyValues(t *testing.T) {
	base, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		varName string
		mutate  func(*config.Config)
	}{
		{"TEMPORAL_ADDRESS", func(c *config.Config) { c.TemporalAddress = "" }},
		{"TEMPORAL_NAMESPACE", func(c *config.Config) { c.TemporalNamespace = "" }},
		{"PAO_TASK_QUEUE", func(c *config.Config) { c.TaskQueue = "" }},
		{"PAO_HTTP_ADDR", func(c *config.Config) { c.HTTPAddr = "" }},
		{"PAO_TOKEN_SECRET", func(c *config.Config) { c.TokenSecret = "" }},
		{"PAO_TOKEN_ISSUER", func(c *config.Config) { c.TokenIssuer = "" }},
		{"PAO_TOKEN_AUDIENCE", func(c *config.Config) { c.TokenAudience = "" }},
		{"PAO_TOKEN_TTL", func(c *config.Config) { c.TokenTTL = 0 }},
		{"PAO_SMTP_TLS", func(c *config.Config) { c.SMTPTLS = "" }},
		{"PAO_LOG_LEVEL", func(c *config.Config) { c.LogLevel = "" }},
		{"PAO_REQUEST_EXPIRE_AFTER", func(c *config.Config) { c.RequestExpireAfter = c.RequestEscalateAfter }},
	}
	for _, tc := range tests {
		t.Run(tc.varName, func(t *testing.T) {
			c := base
			tc.mutate(&c)
			err := c.Validate()
			if err == nil {
				t.Fatalf("Validate(%+v) = nil, want an error", c)
			}
			if !strings.Contains(err.Error(), tc.varName) {
				t.Errorf("error %q does not name %s", err, tc.varName)
			}
		})
	}
}

// envVars lists the variable of every env tag of config.Config.
func envVars(t *testing.T) []string {
	t.Helper()
	var out []string
	typ := reflect.TypeFor[config.Config]()
	for i := range typ.NumField() {
		tag := typ.Field(i).Tag.Get("env")
		if tag == "" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		out = append(out, name)
	}
	if len(out) == 0 {
		t.Fatal("config.Config has no env tags")
	}
	return out
}

// TestREADMEListsEveryVariable checks that the README's configuration table
// mentions every variable config.Config reads.
func TestREADMEListsEveryVariable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("read README.md: %v (every variable must be documented: %s)", err, strings.Join(envVars(t), ", "))
	}
	readme := string(b)
	var missing []string
	for _, v := range envVars(t) {
		// A whole-word match, so PAO_SMTP_PORT does not count for PAO_SMTP.
		re := regexp.MustCompile(`(^|[^A-Z0-9_])` + regexp.QuoteMeta(v) + `($|[^A-Z0-9_])`)
		if !re.MatchString(readme) {
			missing = append(missing, v)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("README.md does not mention %d configuration variable(s): %s", len(missing), strings.Join(missing, ", "))
	}
}
