package temporalx_test

import (
	"bytes"
	"encoding/base64"
	"testing"

	commonpb "go.temporal.io/api/common/v1"

	"github.com/pao/pao/internal/temporalx"
)

// devCodec is the dial option of the built-in development key.
func devCodec(t *testing.T) temporalx.DialOption {
	t.Helper()
	c, err := temporalx.NewCodecFrom(temporalx.DevKeys)
	if err != nil {
		t.Fatal(err)
	}
	return temporalx.WithCodec(c)
}

// key is a key list item of id with 32 bytes of fill.
func key(id string, fill byte) string {
	return id + ":" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{fill}, temporalx.KeySize))
}

// codecOf is the codec of a key list, failing the test if it does not build.
func codecOf(t *testing.T, list string) *temporalx.Codec {
	t.Helper()
	c, err := temporalx.NewCodecFrom(list)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// jsonPayload is a payload as Temporal's default converter writes it.
func jsonPayload(data string) *commonpb.Payload {
	return &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(data)}
}

// encodeOne encodes p, failing the test on error.
func encodeOne(t *testing.T, c *temporalx.Codec, p *commonpb.Payload) *commonpb.Payload {
	t.Helper()
	out, err := c.Encode([]*commonpb.Payload{p})
	if err != nil {
		t.Fatal(err)
	}
	return out[0]
}
