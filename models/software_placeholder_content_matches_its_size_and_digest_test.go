package models_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestPlaceholderContentMatchesItsSizeAndDigest: a package's file is
// generated from its name and size: exactly size bytes, the same bytes
// every time, any range read on its own equal to that range of the whole,
// its SHA-256 the one SHA256 reports, and another name other bytes.
func TestPlaceholderContentMatchesItsSizeAndDigest(t *testing.T) {
	for _, size := range []int64{0, 1, 63, 64, 65, 1000, 100_003} {
		p := models.NewPlaceholder("db2-aese-12.1.1-linux-x86_64.tar.gz", size)
		all, err := io.ReadAll(p.Reader())
		if err != nil || int64(len(all)) != size || p.Size() != size {
			t.Fatalf("size %d: read %d bytes, %v", size, len(all), err)
		}
		again, _ := io.ReadAll(models.NewPlaceholder("db2-aese-12.1.1-linux-x86_64.tar.gz", size).Reader())
		if !bytes.Equal(all, again) {
			t.Fatalf("size %d: two reads differ", size)
		}
		sum := sha256.Sum256(all)
		if got := p.SHA256(); got != hex.EncodeToString(sum[:]) {
			t.Errorf("size %d: SHA256() = %s, content hashes to %x", size, got, sum)
		}
		for _, r := range [][2]int64{{0, 10}, {5, 70}, {63, 2}, {size / 2, 129}, {size - 3, 10}} {
			off, n := r[0], r[1]
			if off < 0 || off > size {
				continue
			}
			buf := make([]byte, n)
			got, err := p.ReadAt(buf, off)
			want := all[off:min(off+n, size)]
			if !bytes.Equal(buf[:got], want) || (got < int(n) && err != io.EOF) || (got == int(n) && err != nil) {
				t.Errorf("size %d: ReadAt(%d bytes at %d) = %d, %v; want %d bytes", size, n, off, got, err, len(want))
			}
		}
	}
	p := models.NewPlaceholder("a.tar.gz", 256)
	text, _ := io.ReadAll(p.Reader())
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "PAO placeholder ") || !strings.HasSuffix(lines[3], "000003.") {
		t.Errorf("content is not four numbered 64-byte lines: %q", text)
	}
	if models.NewPlaceholder("b.tar.gz", 256).SHA256() == p.SHA256() {
		t.Error("two file names give the same content")
	}
}
