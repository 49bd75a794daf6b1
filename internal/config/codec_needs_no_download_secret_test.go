package config_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/temporalx"
)

// `pao codec` signs no download links: CheckCodec does not ask for
// PAO_DOWNLOAD_SECRET, but still refuses what the codec itself relies on
// (the public token secret, the development payload key by default).
func TestCheckCodecNeedsNoDownloadSecret(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{"PAO_TOKEN_SECRET": strings.Repeat("s3cret", 8), "PAO_CODEC_KEYS": temporalx.DevKeys})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckCodec(); err != nil {
		t.Fatalf("CheckCodec without a download secret = %v", err)
	}
	if err := c.CheckProduction(); err == nil || !strings.Contains(err.Error(), "PAO_DOWNLOAD_SECRET") {
		t.Fatalf("CheckProduction without a download secret = %v", err)
	}
	c.CodecKeys = ""
	if err := c.CheckCodec(); err == nil || !strings.Contains(err.Error(), "PAO_CODEC_KEYS") {
		t.Fatalf("CheckCodec without payload keys = %v", err)
	}
}
