package config_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

func TestCheckProductionRefusesTheBuiltInSecret(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.TokenSecret != config.DevTokenSecret {
		t.Fatal("DevTokenSecret differs from the PAO_TOKEN_SECRET default")
	}
	if err := c.CheckProduction(); err == nil || !strings.Contains(err.Error(), "PAO_TOKEN_SECRET") {
		t.Fatalf("CheckProduction = %v", err)
	}
	// PAO_DEV_MODE alone does not allow it (token_modes_test.go).
	c.AllowDevTokenSecret = true
	c.CodecKeys = temporalx.DevKeys            // explicitly (codec_keys_test.go)
	c.DownloadSecret = strings.Repeat("d", 32) // its own (download_settings_test.go)
	if err := c.CheckProduction(); err != nil {
		t.Fatalf("allowed dev secret: %v", err)
	}
	c, err = config.LoadFrom(map[string]string{"PAO_TOKEN_SECRET": strings.Repeat("s3cret", 8), "PAO_CODEC_KEYS": temporalx.DevKeys,
		"PAO_DOWNLOAD_SECRET": strings.Repeat("d", 32)})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckProduction(); err != nil {
		t.Fatalf("own secret: %v", err)
	}
}
