package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/config"
)

// TestDownloadSettings: download links are signed with PAO_DOWNLOAD_SECRET
// (the built-in development secret by default, which the server processes
// refuse, as they refuse the built-in token secret) and live
// PAO_DOWNLOAD_LINK_TTL (15 minutes by default, from 1 second to a day).
func TestDownloadSettings(t *testing.T) {
	c, err := config.LoadFrom(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.DownloadSecret != config.DevDownloadSecret || c.DownloadLinkTTL != 15*time.Minute {
		t.Fatalf("defaults: secret %q, ttl %s", c.DownloadSecret, c.DownloadLinkTTL)
	}

	// Everything else production-ready, the built-in download secret alone
	// is refused, by name.
	c, err = config.LoadFrom(map[string]string{"PAO_TOKEN_SECRET": strings.Repeat("s3cret", 8),
		"PAO_CODEC_KEYS": "k1:" + strings.Repeat("A", 43) + "="})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckProduction(); err == nil || !strings.Contains(err.Error(), "PAO_DOWNLOAD_SECRET") {
		t.Errorf("CheckProduction with the built-in download secret = %v, want it refused naming PAO_DOWNLOAD_SECRET", err)
	}
	c.DownloadSecret = strings.Repeat("k", 32)
	if err := c.CheckProduction(); err != nil {
		t.Errorf("CheckProduction with an own download secret = %v", err)
	}

	for _, bad := range []map[string]string{
		{"PAO_DOWNLOAD_SECRET": "short"},
		{"PAO_DOWNLOAD_LINK_TTL": "0s"},
		{"PAO_DOWNLOAD_LINK_TTL": "-5m"},
		{"PAO_DOWNLOAD_LINK_TTL": "25h"},
	} {
		for k := range bad {
			if _, err := config.LoadFrom(bad); err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("LoadFrom(%v) = %v, want an error naming %s", bad, err, k)
			}
		}
	}
	c, err = config.LoadFrom(map[string]string{"PAO_DOWNLOAD_LINK_TTL": "2m", "PAO_DOWNLOAD_SECRET": strings.Repeat("x", 40)})
	if err != nil || c.DownloadLinkTTL != 2*time.Minute || c.DownloadSecret != strings.Repeat("x", 40) {
		t.Errorf("LoadFrom(ttl 2m, own secret) = %+v, %v", c.DownloadLinkTTL, err)
	}
}
