package config_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// ownSecret passes the token secret check, so a test sees the codec's.
var ownSecret = strings.Repeat("s3cret", 8)

// Unset PAO_CODEC_KEYS means the built-in development key, which the
// server processes refuse; set explicitly (even to that key) they accept.
func TestCheckProductionRefusesUnsetCodecKeys(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{"PAO_TOKEN_SECRET": ownSecret})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := c.PayloadKeys()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || !temporalx.IsDevKey(keys[0].Secret) {
		t.Fatalf("unset PAO_CODEC_KEYS gives %d keys, want the development key", len(keys))
	}
	if err := c.CheckProduction(); err == nil || !strings.Contains(err.Error(), "PAO_CODEC_KEYS") {
		t.Fatalf("CheckProduction with PAO_CODEC_KEYS unset = %v", err)
	}
	c.DevMode = true
	if err := c.CheckProduction(); err == nil {
		t.Fatal("PAO_DEV_MODE let the built-in payload key through")
	}
	for _, list := range []string{temporalx.DevKeys, "k2:" + strings.Repeat("A", 43) + "=," + temporalx.DevKeys} {
		c, err := config.LoadFrom(map[string]string{"PAO_TOKEN_SECRET": ownSecret, "PAO_CODEC_KEYS": list, "PAO_DOWNLOAD_SECRET": strings.Repeat("d", 32)})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.CheckProduction(); err != nil {
			t.Errorf("PAO_CODEC_KEYS=%s: %v", list, err)
		}
	}
}

// A malformed key list stops the process with an error naming the
// variable and never quoting the key.
func TestCodecKeysThatDoNotParseAreRefused(t *testing.T) {
	for _, list := range []string{
		"k1",               // no colon
		"k1:not base64!",   // not base64
		"k1:" + "c2hvcnQ=", // 5 bytes
		"bad id:" + strings.Repeat("A", 43) + "=",                                 // space in the ID
		"k1:" + strings.Repeat("A", 43) + "=,k1:" + strings.Repeat("B", 43) + "=", // twice
	} {
		_, err := config.LoadFrom(map[string]string{"PAO_CODEC_KEYS": list})
		if err == nil || !strings.Contains(err.Error(), "PAO_CODEC_KEYS") {
			t.Errorf("PAO_CODEC_KEYS=%q: %v", list, err)
			continue
		}
		if strings.Contains(err.Error(), "not base64!") || strings.Contains(err.Error(), strings.Repeat("A", 43)) {
			t.Errorf("the error quotes the key: %v", err)
		}
	}
}

// The codec server's address, secret and browser origins are checked.
func TestCodecServerSettingsAreValidated(t *testing.T) {
	for v, val := range map[string]string{
		"PAO_CODEC_ADDR":         "8234",
		"PAO_CODEC_SECRET":       "short",
		"PAO_CODEC_CORS_ORIGINS": "http://localhost:8233/namespaces",
	} {
		if _, err := config.LoadFrom(map[string]string{v: val}); err == nil || !strings.Contains(err.Error(), v) {
			t.Errorf("%s=%q: %v", v, val, err)
		}
	}
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.CodecAddr != "127.0.0.1:8234" || strings.Join(c.CodecCORSOrigins, " ") != "http://localhost:8233 http://127.0.0.1:8233" {
		t.Errorf("defaults: addr %q, origins %v", c.CodecAddr, c.CodecCORSOrigins)
	}
}
