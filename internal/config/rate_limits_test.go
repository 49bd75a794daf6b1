package config_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/config"
)

// TestRateLimitsAreValidatedNamingTheVariable: a rate limit that makes no
// sense is refused with the variable's name; 0 turns a limit off (its
// burst may then be 0 too).
func TestRateLimitsAreValidatedNamingTheVariable(t *testing.T) {
	bad := []struct{ vars map[string]string }{
		{map[string]string{"PAO_RATE_IP_RPS": "-1"}},
		{map[string]string{"PAO_RATE_IP_RPS": "NaN"}},
		{map[string]string{"PAO_RATE_USER_RPS": "1e12"}},
		{map[string]string{"PAO_RATE_USER_BURST": "0"}},
		{map[string]string{"PAO_RATE_IP_BURST": "-3"}},
		{map[string]string{"PAO_RATE_SENSITIVE_PER_MINUTE": "-0.5"}},
		{map[string]string{"PAO_RATE_SENSITIVE_BURST": "0"}},
		{map[string]string{"PAO_RATE_USER_RPS": "twenty"}},
		{map[string]string{"PAO_WORKER_METRICS_ADDR": "9090"}},
	}
	for _, b := range bad {
		_, err := config.LoadFrom(b.vars)
		for name := range b.vars {
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%v: error %v, want one naming %s", b.vars, err, name)
			}
		}
	}
	c, err := config.LoadFrom(map[string]string{
		"PAO_RATE_IP_RPS": "0", "PAO_RATE_IP_BURST": "0", "PAO_RATE_USER_RPS": "0.5", "PAO_RATE_USER_BURST": "1",
		"PAO_RATE_SENSITIVE_PER_MINUTE": "0", "PAO_RATE_SENSITIVE_BURST": "0", "PAO_WORKER_METRICS_ADDR": "off",
	})
	if err != nil {
		t.Fatalf("limits off, half a request per second, metrics off: %v", err)
	}
	if c.RateIPRPS != 0 || c.RateUserRPS != 0.5 || c.RateUserBurst != 1 || c.WorkerMetricsAddr != "off" {
		t.Errorf("loaded %+v", c)
	}
}

// TestRateLimitDefaultsAreOnAndGenerous: every limit is on by default, a
// person clicking through the product never meets one, and the worker
// serves its metrics on :9090.
func TestRateLimitDefaultsAreOnAndGenerous(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.RateIPRPS < 50 || c.RateIPBurst < 100 || c.RateUserRPS < 10 || c.RateUserBurst < 20 ||
		c.RateSensitivePerMinute < 1 || c.RateSensitiveBurst < 5 {
		t.Errorf("defaults too strict or off: %+v", c)
	}
	if c.WorkerMetricsAddr != ":9090" {
		t.Errorf("PAO_WORKER_METRICS_ADDR default = %q", c.WorkerMetricsAddr)
	}
}
