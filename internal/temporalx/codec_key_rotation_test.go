package temporalx_test

import (
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"

	"github.com/pao/pao/internal/temporalx"
)

// A rotation puts a new key in front: it encrypts from then on, while the
// older key still decrypts what it sealed; once the older key is dropped,
// its payloads are refused with an error naming the key.
func TestCodecKeyRotation(t *testing.T) {
	before := codecOf(t, key("k1", 1))
	during := codecOf(t, key("k2", 2)+","+key("k1", 1))
	after := codecOf(t, key("k2", 2))
	old := encodeOne(t, before, jsonPayload(`"sealed before the rotation"`))
	fresh := encodeOne(t, during, jsonPayload(`"sealed after the rotation"`))

	if id := string(fresh.GetMetadata()[temporalx.MetadataKeyID]); id != "k2" || during.CurrentKeyID() != "k2" {
		t.Fatalf("the new payload names key %q, want the current k2", id)
	}
	got, err := during.Decode([]*commonpb.Payload{old, fresh})
	if err != nil {
		t.Fatalf("the ring with both keys: %v", err)
	}
	if string(got[0].GetData()) != `"sealed before the rotation"` || string(got[1].GetData()) != `"sealed after the rotation"` {
		t.Fatalf("decoded %q and %q", got[0].GetData(), got[1].GetData())
	}
	_, err = after.Decode([]*commonpb.Payload{old})
	if err == nil || !strings.Contains(err.Error(), `"k1"`) || !strings.Contains(err.Error(), "not configured") {
		t.Fatalf("a payload of a dropped key: %v", err)
	}
}
