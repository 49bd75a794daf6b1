package config_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/config"
)

// ownKeys are payload and download settings of one's own (other checks of
// CheckProduction, not the tokens').
var ownKeys = map[string]string{
	"PAO_CODEC_KEYS":      "t-1:dG9rZW4tbW9kZXMtdGVzdC1wYXlsb2FkLWtleS0wMTI=",
	"PAO_DOWNLOAD_SECRET": "token-modes-test-download-secret-0123456789",
}

// production loads vars with ownKeys and returns CheckProduction's
// verdict.
func production(t *testing.T, vars map[string]string) error {
	t.Helper()
	for k, v := range ownKeys {
		vars[k] = v
	}
	vars["PAO_DOWNLOAD_SECRET"] = strings.Repeat("d", 32) // its own (download_settings_test.go)
	c, err := config.LoadFrom(vars)
	if err != nil {
		t.Fatalf("load %v: %v", vars, err)
	}
	return c.CheckProduction()
}

// TestDevModeDoesNotAllowTheBuiltInSecret: PAO_DEV_MODE (development
// endpoints) and PAO_ALLOW_DEV_TOKEN_SECRET (the public secret) are two
// settings; serve and worker refuse the built-in secret unless the second
// is set explicitly.
func TestDevModeDoesNotAllowTheBuiltInSecret(t *testing.T) {
	if err := production(t, map[string]string{"PAO_DEV_MODE": "true"}); err == nil || !strings.Contains(err.Error(), "PAO_ALLOW_DEV_TOKEN_SECRET") {
		t.Errorf("PAO_DEV_MODE=true alone: CheckProduction = %v, want the built-in secret refused", err)
	}
	if err := production(t, map[string]string{"PAO_ALLOW_DEV_TOKEN_SECRET": "true"}); err != nil {
		t.Errorf("PAO_ALLOW_DEV_TOKEN_SECRET=true: %v", err)
	}
	if err := production(t, map[string]string{"PAO_ALLOW_DEV_TOKEN_SECRET": "false", "PAO_DEV_MODE": "true"}); err == nil {
		t.Error("PAO_ALLOW_DEV_TOKEN_SECRET=false allowed the built-in secret")
	}
}

// TestTokenModesExcludeEachOther: the key set and a secret of one's own
// cannot both be set; with the key set alone the built-in secret is
// unused, so nothing refuses it; the key set is fetched over https except
// from this machine.
func TestTokenModesExcludeEachOther(t *testing.T) {
	both := map[string]string{"PAO_TOKEN_JWKS_URL": "https://idp.example.com/jwks.json", "PAO_TOKEN_SECRET": strings.Repeat("s3cret", 8)}
	if _, err := config.LoadFrom(both); err == nil || !strings.Contains(err.Error(), "set one, not both") {
		t.Errorf("JWKS URL and secret: %v, want refused", err)
	}
	for url, ok := range map[string]bool{
		"https://idp.example.com/.well-known/jwks.json": true,
		"http://127.0.0.1:8081/jwks.json":               true,
		"http://localhost/jwks.json":                    true,
		"http://idp.example.com/jwks.json":              false,
	} {
		err := production(t, map[string]string{"PAO_TOKEN_JWKS_URL": url})
		if ok != (err == nil) {
			t.Errorf("PAO_TOKEN_JWKS_URL=%s: CheckProduction = %v", url, err)
		}
	}
}

// TestJWKSSettingsAreValidated: a bad URL or refresh interval names the
// variable.
func TestJWKSSettingsAreValidated(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"PAO_TOKEN_JWKS_URL":                 {"PAO_TOKEN_JWKS_URL": "idp.example.com/jwks.json"},
		"PAO_TOKEN_JWKS_REFRESH":             {"PAO_TOKEN_JWKS_REFRESH": "1s"},
		"PAO_TOKEN_JWKS_UNKNOWN_KID_REFRESH": {"PAO_TOKEN_JWKS_UNKNOWN_KID_REFRESH": "0s"},
	} {
		if _, err := config.LoadFrom(vars); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: %v, want an error naming %s", vars, err, name)
		}
	}
}
