package temporalx

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/proto"
)

// The metadata of an encrypted payload. The whole original payload
// (its metadata and data) is sealed into the data, so nothing of it (not
// even its encoding) shows in Temporal.
const (
	// MetadataEncoding is Temporal's metadata key for a payload's encoding.
	MetadataEncoding = converter.MetadataEncoding
	// EncodingEncrypted marks a payload sealed by Codec.
	EncodingEncrypted = "binary/encrypted"
	// MetadataKeyID names the key that sealed the payload.
	MetadataKeyID = "encryption-key-id"
	// MetadataCipher names the cipher, for a later change of algorithm.
	MetadataCipher = "encryption-cipher"
	// CipherAES256GCM is the only cipher so far: AES-256 in GCM mode with
	// a random 96-bit nonce before the ciphertext, the key ID as
	// additional authenticated data.
	CipherAES256GCM = "AES256-GCM"
)

// KeySize is the length of an AES-256 key in bytes.
const KeySize = 32

// DevKeys is the built-in payload key (the PAO_CODEC_KEYS default): fine
// for `pao dev` and tests, refused by `pao serve`, `pao worker` and
// `pao codec`, since anyone can read it here.
const DevKeys = "dev-1:cGFvLWRldi1vbmx5LXB1YmxpYy1wYXlsb2FkLWtleTE="

// keyID is what a key ID may be: it is written into every payload.
var keyID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Key is one AES-256 payload key and the ID written beside its payloads.
type Key struct {
	ID     string
	Secret []byte
}

// ParseKeys reads a key list, `id:base64(32 bytes)` separated by commas,
// the current (encrypting) key first. Errors never quote key material.
func ParseKeys(s string) ([]Key, error) {
	var keys []Key
	for i, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		id, b64, ok := strings.Cut(item, ":")
		if !ok {
			return nil, fmt.Errorf("key %d: want id:base64, found no colon", i+1)
		}
		if !keyID.MatchString(id) {
			return nil, fmt.Errorf("key %d: the ID must be 1-64 of A-Z a-z 0-9 . _ -", i+1)
		}
		secret, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("key %s: not standard base64", id)
		}
		if len(secret) != KeySize {
			return nil, fmt.Errorf("key %s: %d bytes, want %d (AES-256; e.g. `openssl rand -base64 32`)", id, len(secret), KeySize)
		}
		if slices.ContainsFunc(keys, func(k Key) bool { return k.ID == id }) {
			return nil, fmt.Errorf("key %s: listed twice", id)
		}
		keys = append(keys, Key{ID: id, Secret: secret})
	}
	return keys, nil
}

// IsDevKey reports whether secret is the built-in development key.
func IsDevKey(secret []byte) bool {
	dev, err := ParseKeys(DevKeys)
	return err == nil && slices.ContainsFunc(dev, func(k Key) bool { return string(k.Secret) == string(secret) })
}

// Codec is the project's payload codec: AES-256-GCM with a key ring. The
// first key encrypts; every key decrypts the payloads that name it, so a
// rotation adds a new key in front and keeps the older ones until no
// history needs them. A payload without the encrypted encoding (from
// before encryption) passes through unchanged.
type Codec struct {
	current string
	aeads   map[string]cipher.AEAD
	ids     []string
}

// NewCodec returns the codec of keys (the first one current).
func NewCodec(keys []Key) (*Codec, error) {
	if len(keys) == 0 {
		return nil, errors.New("payload codec: no key")
	}
	c := &Codec{current: keys[0].ID, aeads: make(map[string]cipher.AEAD, len(keys))}
	for _, k := range keys {
		if len(k.Secret) != KeySize {
			return nil, fmt.Errorf("payload codec: key %s: %d bytes, want %d", k.ID, len(k.Secret), KeySize)
		}
		if _, dup := c.aeads[k.ID]; dup {
			return nil, fmt.Errorf("payload codec: key %s listed twice", k.ID)
		}
		block, err := aes.NewCipher(k.Secret)
		if err != nil {
			return nil, fmt.Errorf("payload codec: key %s: %w", k.ID, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("payload codec: key %s: %w", k.ID, err)
		}
		c.aeads[k.ID] = aead
		c.ids = append(c.ids, k.ID)
	}
	return c, nil
}

// NewCodecFrom is NewCodec of a key list in the PAO_CODEC_KEYS format.
func NewCodecFrom(list string) (*Codec, error) {
	keys, err := ParseKeys(list)
	if err != nil {
		return nil, fmt.Errorf("payload codec: %w", err)
	}
	return NewCodec(keys)
}

// CurrentKeyID is the ID of the key that encrypts.
func (c *Codec) CurrentKeyID() string { return c.current }

// KeyIDs lists the IDs of every key, the current one first.
func (c *Codec) KeyIDs() []string { return slices.Clone(c.ids) }

// Encode seals each payload with the current key.
func (c *Codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	aead := c.aeads[c.current]
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		plain, err := proto.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("encrypt payload: marshal: %w", err)
		}
		nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
		if _, err := rand.Read(nonce); err != nil {
			return nil, fmt.Errorf("encrypt payload: nonce: %w", err)
		}
		out[i] = &commonpb.Payload{
			Metadata: map[string][]byte{
				MetadataEncoding: []byte(EncodingEncrypted),
				MetadataKeyID:    []byte(c.current),
				MetadataCipher:   []byte(CipherAES256GCM),
			},
			Data: aead.Seal(nonce, nonce, plain, []byte(c.current)),
		}
	}
	return out, nil
}

// Decode opens each encrypted payload and passes any other through. A
// payload of an unknown key or one that does not authenticate (tampered
// with, or sealed by another key under the same ID) is an error; the
// error never holds payload data.
func (c *Codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		if string(p.GetMetadata()[MetadataEncoding]) != EncodingEncrypted {
			out[i] = p
			continue
		}
		id := string(p.GetMetadata()[MetadataKeyID])
		if ciph := string(p.GetMetadata()[MetadataCipher]); ciph != "" && ciph != CipherAES256GCM {
			return nil, fmt.Errorf("decrypt payload: cipher %q is not supported (want %s)", ciph, CipherAES256GCM)
		}
		aead, ok := c.aeads[id]
		if !ok {
			return nil, fmt.Errorf("decrypt payload: it was encrypted with key %q, which is not configured (PAO_CODEC_KEYS has %s)",
				id, strings.Join(c.ids, ", "))
		}
		data := p.GetData()
		if len(data) < aead.NonceSize()+aead.Overhead() {
			return nil, fmt.Errorf("decrypt payload of key %q: %d bytes is too short to be a sealed payload", id, len(data))
		}
		plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], []byte(id))
		if err != nil {
			return nil, fmt.Errorf("decrypt payload of key %q: it does not authenticate (tampered with, or another key under that ID): %w", id, err)
		}
		var orig commonpb.Payload
		if err := proto.Unmarshal(plain, &orig); err != nil {
			return nil, fmt.Errorf("decrypt payload of key %q: unmarshal: %w", id, err)
		}
		out[i] = &orig
	}
	return out, nil
}

// DataConverter is Temporal's default data converter with payloads
// encrypted by c: what the clients, the worker and the replayer use.
func (c *Codec) DataConverter() converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), c)
}

// FailureConverter encodes the message and stack trace of failures as an
// encrypted payload too (an error message may quote business data).
func (c *Codec) FailureConverter() converter.FailureConverter {
	return temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
		DataConverter: c.DataConverter(), EncodeCommonAttributes: true,
	})
}
