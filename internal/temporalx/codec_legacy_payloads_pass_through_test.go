package temporalx_test

import (
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"
)

// A payload written before encryption (no encrypted encoding) decodes as
// it is, so histories recorded before the codec still replay and read.
func TestCodecPassesLegacyPayloadsThrough(t *testing.T) {
	c := codecOf(t, key("k1", 1))
	legacy := []*commonpb.Payload{
		jsonPayload(`{"site":"300001"}`),
		{Metadata: map[string][]byte{"encoding": []byte("binary/null")}},
		{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: []byte{0, 1, 2}},
	}
	out, err := c.Decode(legacy)
	if err != nil {
		t.Fatal(err)
	}
	for i := range legacy {
		if !proto.Equal(out[i], legacy[i]) {
			t.Errorf("payload %d changed: %v", i, out[i])
		}
	}
	var v struct{ Site string }
	if err := c.DataConverter().FromPayload(legacy[0], &v); err != nil || v.Site != "300001" {
		t.Fatalf("the data converter read %+v, %v", v, err)
	}
}
