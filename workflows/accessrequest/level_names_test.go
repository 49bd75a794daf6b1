package accessrequest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/internal/wftest"
)

// rawQuery is the status query's answer as JSON, as a client that does not
// share the Go types (Temporal UI, tctl, another language) reads it.
func (h *harness) rawQuery() map[string]any {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(accessrequest.QueryStatus)
	if err != nil {
		h.t.Fatalf("query %s: %v", accessrequest.QueryStatus, err)
	}
	var raw json.RawMessage
	if err := v.Get(&raw); err != nil {
		h.t.Fatalf("decode query: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		h.t.Fatalf("query answer %s: %v", raw, err)
	}
	return m
}

// The status query names privilege levels as the API does
// ({"software":"downloads",…}), every tool included, never as integers.
func TestStatusQueryNamesGrantedLevels(t *testing.T) {
	h := newHarness(t, nominationInput())
	granted := models.Privileges{Software: models.SoftwareDownloadsMedia, Reporting: models.LevelView}
	dec := h.decide(time.Hour, approve(primary(), granted))
	var pending map[string]any
	h.env.RegisterDelayedCallback(func() { pending = h.rawQuery() }, 30*time.Minute)
	h.run()
	dec.MustComplete(t)
	if _, ok := pending["granted"]; ok || pending["status"] != "pending" {
		t.Fatalf("pending query = %v", pending)
	}
	q := h.rawQuery()
	want := map[string]any{"software": "downloads_media", "reporting": "view", "entitlements": "none",
		"manage_access": "none", "contact_update": "none", "documents": "none"}
	got, ok := q["granted"].(map[string]any)
	if !ok || len(got) != len(want) {
		t.Fatalf("granted = %#v in %v", q["granted"], q)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("granted[%s] = %#v, want %q", k, got[k], v)
		}
	}
	// The same names the API shows for the same privileges.
	for tool, name := range granted.Named() {
		if got[string(tool)] != name {
			t.Errorf("query %s=%#v, API %q", tool, got[string(tool)], name)
		}
	}
	// The typed view still decodes them.
	if st := h.query(); st.Granted == nil || *st.Granted != granted {
		t.Fatalf("typed query granted = %+v", st.Granted)
	}
}

// A support-access request's query names the support level.
func TestStatusQueryNamesTheSupportLevel(t *testing.T) {
	h := newHarness(t, supportInput())
	dec := h.decide(time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportAdmin, Approver: supportAdmin()})
	h.run()
	dec.MustComplete(t)
	q := h.rawQuery()
	if q["support_level"] != "administrator" {
		t.Fatalf("support_level = %#v in %v", q["support_level"], q)
	}
	if _, ok := q["granted"]; ok {
		t.Fatalf("a support-access request shows granted: %v", q)
	}
}

// payloadsWithLevels decodes every payload of a recorded history that can
// carry levels into its Go type, and yields the recorded JSON with the JSON
// the type writes today.
func payloadsWithLevels(t *testing.T, file string) (pairs [][2]any) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hist, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	dc := converter.GetDefaultDataConverter()
	decode := func(p *commonpb.Payloads, typed any) {
		t.Helper()
		if p == nil || len(p.Payloads) == 0 {
			return
		}
		if err := dc.FromPayloads(p, typed); err != nil {
			t.Fatalf("%s: decode %T: %v", file, typed, err)
		}
		var recorded any
		if err := json.Unmarshal(p.Payloads[0].Data, &recorded); err != nil {
			t.Fatalf("%s: recorded payload: %v", file, err)
		}
		b, err := json.Marshal(typed)
		if err != nil {
			t.Fatal(err)
		}
		var now any
		if err := json.Unmarshal(b, &now); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, [2]any{recorded, now})
	}
	for _, e := range hist.Events {
		switch e.EventType {
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
			decode(e.GetWorkflowExecutionStartedEventAttributes().GetInput(), &accessrequest.Input{})
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
			decode(e.GetWorkflowExecutionCompletedEventAttributes().GetResult(), &accessrequest.State{})
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
			in := e.GetWorkflowExecutionUpdateAcceptedEventAttributes().GetAcceptedRequest().GetInput()
			switch in.GetName() {
			case accessrequest.UpdateDecide:
				decode(in.GetArgs(), &accessrequest.Decision{})
			case accessrequest.UpdateWithdraw:
				decode(in.GetArgs(), &accessrequest.Withdrawal{})
			}
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
			decode(e.GetWorkflowExecutionUpdateCompletedEventAttributes().GetOutcome().GetSuccess(), &accessrequest.State{})
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
			a := e.GetActivityTaskScheduledEventAttributes()
			switch a.GetActivityType().GetName() {
			case accessrequest.ActivityRecordRequest, accessrequest.ActivityApproveRequest, accessrequest.ActivityGrantRequest:
				decode(a.GetInput(), &accessrequest.RequestRecord{})
			case accessrequest.ActivityQueueNotice:
				decode(a.GetInput(), &accessrequest.NoticeRequest{})
			}
		}
	}
	return pairs
}

// compareLevels walks a recorded payload and today's JSON of its decoded
// value side by side: every recorded privileges object and support level
// (integers then) must now read as the names of the same levels. It
// returns how many levels it compared.
func compareLevels(t *testing.T, where string, recorded, now any) int {
	t.Helper()
	rm, ok := recorded.(map[string]any)
	if !ok {
		return 0
	}
	nm, _ := now.(map[string]any)
	n := 0
	for k, rv := range rm {
		nv := nm[k]
		switch k {
		case "privileges", "granted":
			if rv == nil {
				continue
			}
			rp, nps := rv.(map[string]any), nv.(map[string]any)
			for tool, lv := range rp {
				num, isNum := lv.(float64)
				if !isNum {
					t.Fatalf("%s.%s.%s = %#v: recorded histories hold integers", where, k, tool, lv)
				}
				if want := models.LevelName(models.Tool(tool), models.Level(num)); nps[tool] != want {
					t.Errorf("%s.%s.%s: recorded %v, decoded and written as %#v, want %q", where, k, tool, num, nps[tool], want)
				}
				n++
			}
		case "support_level":
			if num, isNum := rv.(float64); isNum {
				if want := models.SupportLevel(num).String(); nv != want {
					t.Errorf("%s.support_level: recorded %v, now %#v, want %q", where, num, nv, want)
				}
				n++
			}
		default:
			n += compareLevels(t, where+"."+k, rv, nv)
		}
	}
	return n
}

// The recorded histories (five from before the workflow owned its row and
// the v2_* ones) hold levels as integers. Beside the replay test, which
// proves the command sequence, this proves their payloads decode to the
// same levels under today's names-based JSON: every decision, activity
// input, update result and workflow result.
func TestRecordedHistoriesDecodeIntegerLevels(t *testing.T) {
	total := 0
	for _, f := range wftest.HistoryFiles(t, 5) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			pairs := payloadsWithLevels(t, f)
			if len(pairs) == 0 {
				t.Fatal("no payloads decoded")
			}
			for i, p := range pairs {
				total += compareLevels(t, filepath.Base(f)+"#"+strconv.Itoa(i), p[0], p[1])
			}
		})
	}
	// The approvals and rejections carry decisions with privileges (and
	// the approver's), support approvals a level: hundreds of levels.
	if total < 50 {
		t.Fatalf("only %d recorded levels compared", total)
	}
}
