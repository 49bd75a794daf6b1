package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"regexp"
)

// maxTokenLen bounds a page token before it is decoded.
const maxTokenLen = 256

// partNumberRe is the shape of every stored part number (products CHECK).
var partNumberRe = regexp.MustCompile(`^[A-Z0-9]{5,10}$`)

// keyset is where the next page starts: after the item with this rank
// (with text; 0 without) and part number.
type keyset struct {
	Rank       float64
	PartNumber string
}

// token is the JSON inside a page token: the query it belongs to (K, a
// digest of the words and filters) and the keyset of the last item
// returned. R is present exactly when the query has text.
type token struct {
	K string   `json:"k"`
	R *float64 `json:"r,omitempty"`
	P string   `json:"p"`
}

// key identifies the result order of a search: its words and filters (not
// its limit, currency or level, which may change between pages).
func (s search) key() string {
	h := sha256.Sum256([]byte(s.tsquery + "\x00" + s.category + "\x00" + string(s.licenseType)))
	return hex.EncodeToString(h[:6])
}

func encodeToken(key string, k keyset, ranked bool) string {
	t := token{K: key, P: k.PartNumber}
	if ranked {
		r := k.Rank
		t.R = &r
	}
	b, err := json.Marshal(t)
	if err != nil {
		panic("catalog: marshal page token: " + err.Error()) // a struct of strings and a float cannot fail
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeToken validates a page token against the query it is used with.
func decodeToken(s, key string, ranked bool) (keyset, error) {
	bad := func(detail string) error { return &FieldError{Field: "page_token", Detail: detail} }
	const notOurs = "is not a page token of this catalog search"
	if len(s) > maxTokenLen {
		return keyset{}, bad(notOurs)
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return keyset{}, bad(notOurs)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var t token
	if err := dec.Decode(&t); err != nil {
		return keyset{}, bad(notOurs)
	}
	if _, err := dec.Token(); err != io.EOF {
		return keyset{}, bad(notOurs)
	}
	if !partNumberRe.MatchString(t.P) || (t.R != nil && (math.IsNaN(*t.R) || math.IsInf(*t.R, 0) || *t.R < 0)) {
		return keyset{}, bad(notOurs)
	}
	if t.K != key {
		return keyset{}, bad("belongs to another search: keep q, category and license_type as they were, or start again without page_token")
	}
	if (t.R != nil) != ranked {
		return keyset{}, bad(notOurs)
	}
	k := keyset{PartNumber: t.P}
	if t.R != nil {
		k.Rank = *t.R
	}
	return k, nil
}
