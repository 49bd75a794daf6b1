package models_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestDownloadLinksAreSignedForOneUserSitePackage: a link's signature
// (HMAC-SHA256 over package, site, user and expiry) verifies only for
// exactly what it was issued for, until it expires. Altering any part, or
// presenting it as another user, is a bad signature, never an expiry: an
// expiry moved later does not make a fresh link.
func TestDownloadLinksAreSignedForOneUserSitePackage(t *testing.T) {
	key := []byte("a-test-key-of-at-least-32-bytes-0123456789")
	issued := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	link := models.DownloadLink{PackageID: 17, SiteID: 3, UserID: 42, Expires: issued.Add(15 * time.Minute)}
	sig := link.Sign(key)
	if len(sig) != 64 || strings.Trim(sig, "0123456789abcdef") != "" {
		t.Fatalf("signature %q: want 64 lower-case hex digits", sig)
	}
	flip := func(s string) string { // the same signature with its last digit changed
		last := s[len(s)-1]
		repl := byte('0')
		if last == '0' {
			repl = '1'
		}
		return s[:len(s)-1] + string(repl)
	}
	with := func(f func(*models.DownloadLink)) models.DownloadLink { l := link; f(&l); return l }

	cases := []struct {
		name string
		link models.DownloadLink
		sig  string
		key  []byte
		now  time.Time
		want error
	}{
		{"valid, just issued", link, sig, key, issued, nil},
		{"valid, the last second", link, sig, key, link.Expires, nil},
		{"expired a second ago", link, sig, key, link.Expires.Add(time.Second), models.ErrLinkExpired},
		{"expired long ago", link, sig, key, issued.AddDate(0, 1, 0), models.ErrLinkExpired},
		{"tampered signature", link, flip(sig), key, issued, models.ErrLinkSignature},
		{"the same signature in upper case", link, strings.ToUpper(sig), key, issued, nil}, // hex is case-free; the API takes lower case only
		{"truncated signature", link, sig[:63], key, issued, models.ErrLinkSignature},
		{"empty signature", link, "", key, issued, models.ErrLinkSignature},
		{"not hex", link, strings.Repeat("z", 64), key, issued, models.ErrLinkSignature},
		{"another user's link", with(func(l *models.DownloadLink) { l.UserID = 43 }), sig, key, issued, models.ErrLinkSignature},
		{"another package", with(func(l *models.DownloadLink) { l.PackageID = 18 }), sig, key, issued, models.ErrLinkSignature},
		{"another site", with(func(l *models.DownloadLink) { l.SiteID = 4 }), sig, key, issued, models.ErrLinkSignature},
		{"expiry moved later", with(func(l *models.DownloadLink) { l.Expires = l.Expires.Add(time.Hour) }), sig, key, issued, models.ErrLinkSignature},
		{"expiry moved later, after the real one", with(func(l *models.DownloadLink) { l.Expires = l.Expires.Add(time.Hour) }), sig, key,
			link.Expires.Add(time.Minute), models.ErrLinkSignature},
		{"another key", link, sig, []byte("another-key-of-at-least-32-bytes-987654321"), issued, models.ErrLinkSignature},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.link.Verify(c.key, c.sig, c.now)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Errorf("Verify = %v, want %v", err, c.want)
			}
		})
	}
	if link.Sign(key) != sig {
		t.Error("signing the same link twice gave two signatures")
	}
	if with(func(l *models.DownloadLink) { l.Expires = l.Expires.Add(500 * time.Millisecond) }).Sign(key) != sig {
		t.Error("the signature depends on more than the expiry's second")
	}
}
