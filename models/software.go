package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Software & services (SPEC B1 tool 1, B4): the packages a site may
// download, the signed links that serve them, media shipment requests and
// the site's price file. What follows needs no I/O: the tables' models,
// the platforms, signing and verifying a download link, the placeholder
// content a package's file is served as, and the price file's name and
// amounts.

// Package is one downloadable file of a product: a version for a
// platform. It belongs to the product coverage is held on (the S&S
// renewal part, see CoverageStem), so a site may download it when it has
// a coverages row of that product (migration 00015).
type Package struct {
	ID         int64 `gorm:"primaryKey"`
	ProductID  int64
	Version    string
	Platform   Platform
	FileName   string
	SizeBytes  int64
	SHA256     string    `gorm:"column:sha256"`
	ReleasedOn time.Time `gorm:"type:date"`
	CreatedAt  time.Time
}

// MediaRequest is a request for physical media of a package, shipped to
// the site (ShipTo: an Address as JSON, with where it came from).
type MediaRequest struct {
	ID          int64 `gorm:"primaryKey"`
	SiteID      int64
	PackageID   int64
	RequestedBy int64
	Note        string
	ShipTo      JSON
	CreatedAt   time.Time
}

// Platform is an operating system and architecture a package is built for.
type Platform string

// Platforms.
const (
	PlatformLinuxX86      Platform = "linux-x86_64"
	PlatformLinuxPower    Platform = "linux-ppc64le"
	PlatformLinuxZ        Platform = "linux-s390x"
	PlatformAIX           Platform = "aix-ppc64"
	PlatformWindows       Platform = "windows-x64"
	PlatformMacOS         Platform = "macos-arm64"
	PlatformZOS           Platform = "zos"
	PlatformMultiplatform Platform = "multiplatform"
)

// Platforms lists the platforms in their display order.
var Platforms = []Platform{PlatformLinuxX86, PlatformLinuxPower, PlatformLinuxZ, PlatformAIX, PlatformWindows,
	PlatformMacOS, PlatformZOS, PlatformMultiplatform}

var platformTitles = map[Platform]string{
	PlatformLinuxX86: "Linux on x86-64", PlatformLinuxPower: "Linux on Power (little endian)",
	PlatformLinuxZ: "Linux on IBM Z", PlatformAIX: "AIX", PlatformWindows: "Windows x64",
	PlatformMacOS: "macOS (Apple silicon)", PlatformZOS: "z/OS", PlatformMultiplatform: "Multiplatform",
}

// Valid reports whether p is a known platform.
func (p Platform) Valid() bool { _, ok := platformTitles[p]; return ok }

// Title is the platform as people read it ("Linux on x86-64"); an
// unknown platform is itself.
func (p Platform) Title() string {
	if t, ok := platformTitles[p]; ok {
		return t
	}
	return string(p)
}

// PlatformNames lists the platforms' codes, for an error message.
func PlatformNames() string {
	s := make([]string, len(Platforms))
	for i, p := range Platforms {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// SSCurrent reports whether S&S coverage ending on end (its last covered
// day) still covers day.
func SSCurrent(end, day time.Time) bool { return !Day(end).Before(Day(day)) }

// Download link errors.
var (
	// ErrLinkSignature: the signature does not match the link: it was
	// altered, or issued to another user, for another site or package.
	ErrLinkSignature = errors.New("the download link's signature does not match")
	// ErrLinkExpired: the link was genuine but its time is up.
	ErrLinkExpired = errors.New("the download link has expired")
)

// DownloadLink is what a signed download link grants: one user, on one
// site, one package, until Expires (to the second).
type DownloadLink struct {
	PackageID int64
	SiteID    int64
	UserID    int64
	Expires   time.Time
}

// linkDomain separates this MAC from any other the key might sign.
const linkDomain = "pao download link v1"

// message is what the MAC covers: every field, in decimal, one a line.
func (l DownloadLink) message() []byte {
	return fmt.Appendf(nil, "%s\n%d\n%d\n%d\n%d", linkDomain, l.PackageID, l.SiteID, l.UserID, l.Expires.Unix())
}

// Sign returns the link's signature: HMAC-SHA256 under key over the
// package, site, user and expiry, in lower-case hex (64 characters).
func (l DownloadLink) Sign(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(l.message())
	return hex.EncodeToString(m.Sum(nil))
}

// Verify checks signature against the link under key, in constant time,
// then the expiry at now: ErrLinkSignature when it does not match (so an
// altered expiry is a bad signature, never a fresh link), ErrLinkExpired
// when it matched but now is past Expires.
func (l DownloadLink) Verify(key []byte, signature string, now time.Time) error {
	got, err := hex.DecodeString(signature)
	if err != nil || len(got) != sha256.Size {
		return ErrLinkSignature
	}
	m := hmac.New(sha256.New, key)
	m.Write(l.message())
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrLinkSignature
	}
	if now.Unix() > l.Expires.Unix() {
		return ErrLinkExpired
	}
	return nil
}

// Placeholder content: the file a package is served as in this system is
// generated, not stored. It is size bytes of 64-byte text lines naming
// the file (by a digest of its name) and the line's number, so the same
// name and size give the same bytes, any range of them can be produced
// on its own, and the catalog's sha256 of them can be checked.
const placeholderLineWidth = 64

// Placeholder is the generated content of one package file; it is an
// io.ReaderAt, and Reader streams it.
type Placeholder struct {
	line [placeholderLineWidth]byte // the line template, number not yet written
	size int64
}

// The layout of a line: "PAO placeholder <16 hex> line <24 digits>.\n".
const (
	placeholderNumberAt  = 38
	placeholderNumberLen = 24
)

// NewPlaceholder is the content of the file named fileName, size bytes long.
func NewPlaceholder(fileName string, size int64) *Placeholder {
	p := &Placeholder{size: max(size, 0)}
	sum := sha256.Sum256([]byte(fileName))
	head := "PAO placeholder " + hex.EncodeToString(sum[:8]) + " line "
	copy(p.line[:], head)
	p.line[placeholderLineWidth-2], p.line[placeholderLineWidth-1] = '.', '\n'
	return p
}

// Size is the content's length in bytes.
func (p *Placeholder) Size() int64 { return p.size }

// ReadAt implements io.ReaderAt.
func (p *Placeholder) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("placeholder: negative offset")
	}
	n := 0
	line := p.line
	for n < len(b) && off < p.size {
		num, col := off/placeholderLineWidth, int(off%placeholderLineWidth)
		for i := placeholderNumberAt + placeholderNumberLen - 1; i >= placeholderNumberAt; i-- {
			line[i] = byte('0' + num%10)
			num /= 10
		}
		c := copy(b[n:], line[col:])
		if rest := p.size - off; int64(c) > rest {
			c = int(rest)
		}
		n += c
		off += int64(c)
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// Reader streams the content from its start.
func (p *Placeholder) Reader() io.Reader { return io.NewSectionReader(p, 0, p.size) }

// SHA256 is the content's SHA-256 in lower-case hex, as the catalog
// stores it.
func (p *Placeholder) SHA256() string {
	h := sha256.New()
	if _, err := io.Copy(h, p.Reader()); err != nil {
		panic(fmt.Sprintf("placeholder: %v", err)) // ReadAt fails only for a negative offset
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PlainAmount is an amount for a spreadsheet cell: in major units with
// the currency's decimals, without the currency or thousands separators
// ("1234.56", "1500000" for whole rupiah, as Money.String shows them);
// an amount in a currency the product does not price in is its minor
// units.
func PlainAmount(m Money) string {
	if _, ok := MinorDigits(m.Currency); !ok {
		return strconv.FormatInt(m.Minor, 10)
	}
	s := strings.TrimPrefix(m.String(), m.Currency+" ")
	return strings.ReplaceAll(s, ",", "")
}

// PriceFileName is the name of a site's price file downloaded on day:
// price-list-<level>-<currency>-<YYYY-MM-DD>.csv, e.g.
// price-list-E-USD-2026-11-30.csv. Anything but letters and digits is
// dropped from the level and currency.
func PriceFileName(level, currency string, day time.Time) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	return "price-list-" + clean(level) + "-" + clean(currency) + "-" + Day(day).Format(time.DateOnly) + ".csv"
}
