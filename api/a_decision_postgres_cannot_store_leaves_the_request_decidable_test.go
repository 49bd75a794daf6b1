package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/converter"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/accessrequest"
)

// TestADecisionPostgresCannotStoreLeavesTheRequestDecidable (issue 8 item
// 1, and item 6's blank reasons): an approver's decision carrying text
// PostgreSQL cannot store (a NUL in the reason, valid JSON as \u0000;
// invalid UTF-8; a NUL in a privilege or support level) or a reason of
// only white space is refused at once with a 400 naming the field. Then
// nothing has moved: the API, the workflow's status query and its
// ProcessStatus search attribute all still say pending, the workflow runs,
// no table changed. The same approver's next, proper rejection is taken,
// and the requester is emailed the outcome. For a self-nomination (decided
// by alice, the Primary) and a support-access request (decided by carol,
// the STC).
func TestADecisionPostgresCannotStoreLeavesTheRequestDecidable(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	kinds := []struct {
		name, path, requester, approver string
		body                            map[string]any
		bad                             []bodyAttack
	}{
		{"self-nomination", "/v1/nominations", frank, alice, accessRequest("1000001", "300001", frank, "I run the Austin data platform team"), []bodyAttack{
			{"approve, NUL in a privilege level", `{"decision":"approve","privileges":{"software":"down\u0000loads"}}`, verdict{field: "privileges.software"}},
			{"approve, NUL in a tool name", `{"decision":"approve","privileges":{"soft\u0000ware":"downloads"}}`, verdict{field: "privileges", within: true}},
		}},
		{"support access", "/v1/support-access-requests", henry, carol, accessRequest("1000001", "", henry, "I follow our billing cases"), []bodyAttack{
			{"approve, NUL in the support level", `{"decision":"approve","support_level":"basic\u0000"}`, verdict{field: "support_level"}},
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			r := a.Do("POST", k.path, tokenFor(a, k.requester), k.body)
			ok(t, r, http.StatusCreated)
			var req struct {
				ID         string `json:"id"`
				WorkflowID string `json:"workflow_id"`
			}
			r.JSON(t, &req)
			decision := k.path + "/" + req.ID + "/decision"
			attacks := append([]bodyAttack{
				{"reject, NUL inside the reason", `{"decision":"reject","reason":"not\u0000now"}`, verdict{field: "reason"}},
				{"reject, reason only a NUL", `{"decision":"reject","reason":"\u0000"}`, verdict{field: "reason"}},
				{"reject, invalid UTF-8 in the reason", "{\"decision\":\"reject\",\"reason\":\"not\xff\xfenow\"}", verdict{field: "reason"}},
				{"reject, NUL in the decision", `{"decision":"reject\u0000","reason":"not now"}`, verdict{field: "decision"}},
				{"reject, reason of spaces", `{"decision":"reject","reason":"   "}`, verdict{field: "reason"}},
				{"reject, reason of white space", `{"decision":"reject","reason":" \t\r\n "}`, verdict{field: "reason"}},
				{"reject, reason twice", `{"decision":"reject","reason":"not now","reason":"\u0000"}`, verdict{field: "reason"}},
			}, k.bad...)
			settleTables(t, a)
			before := fingerprint(t, a)
			for _, at := range attacks {
				start := time.Now()
				r := send(a, "POST", decision, tokenFor(a, k.approver), at.body, strangeTimeout)
				took := time.Since(start)
				if msg := refusedStrangely(r, at.want); msg != "" {
					t.Errorf("%s: %s", at.name, msg)
				} else if r.Status != http.StatusBadRequest {
					t.Errorf("%s = %d, want 400", at.name, r.Status)
				}
				if took > 5*time.Second {
					t.Errorf("%s: answered after %s; a refusal at the edge is immediate", at.name, took.Round(time.Millisecond))
				}
				stillPending(t, a, k.path+"/"+req.ID, k.approver, req.WorkflowID)
			}
			if ch := changedTables(before, fingerprint(t, a)); len(ch) > 0 {
				t.Errorf("the refused decisions changed %v", ch)
			}

			// The approver's next, proper decision counts.
			r = a.Do("POST", decision, tokenFor(a, k.approver), map[string]any{"decision": "reject", "reason": "not this quarter"})
			ok(t, r, http.StatusOK)
			var decided struct {
				Status         string `json:"status"`
				DecidedBy      string `json:"decided_by"`
				DecisionReason string `json:"decision_reason"`
			}
			r.JSON(t, &decided)
			if decided.Status != "rejected" || decided.DecidedBy != k.approver || decided.DecisionReason != "not this quarter" {
				t.Fatalf("decision = %s", r.Body)
			}
			if got := queryStatus(t, a, req.WorkflowID); got != "rejected" {
				t.Errorf("status query after the rejection = %q, want rejected", got)
			}
			// The requester is told.
			deadline := time.Now().Add(30 * time.Second)
			for {
				var n int64
				if err := a.Runtime.DB.Raw(`SELECT count(*) FROM outbox WHERE notice = 'request_rejected' AND ? = ANY(recipients) AND key LIKE ?`,
					k.requester, "%"+req.ID+"%").Scan(&n).Error; err != nil {
					t.Fatal(err)
				}
				if n == 1 {
					break
				}
				if time.Now().After(deadline) {
					keys := column(t, a.Runtime.DB, `SELECT key || ' ' || notice || ' ' || array_to_string(recipients, ',') FROM outbox ORDER BY id`)
					t.Fatalf("no single rejection email to %s for %s within 30s (outbox: %v)", k.requester, req.ID, keys)
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}

// stillPending checks that the API, the workflow's status query and its
// ProcessStatus search attribute say pending and the workflow runs.
func stillPending(t *testing.T, a *testenv.App, path, approver, workflowID string) {
	t.Helper()
	var v struct {
		Status string `json:"status"`
	}
	a.Do("GET", path, tokenFor(a, approver), nil).JSON(t, &v)
	if v.Status != "pending" {
		t.Errorf("GET %s: status %q, want pending", path, v.Status)
	}
	if got := queryStatus(t, a, workflowID); got != "pending" {
		t.Errorf("status query of %s = %q, want pending", workflowID, got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, err := a.Runtime.Temporal.DescribeWorkflowExecution(ctx, workflowID, "")
	if err != nil {
		t.Fatalf("describe %s: %v", workflowID, err)
	}
	info := d.GetWorkflowExecutionInfo()
	if st := info.GetStatus(); st != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Errorf("workflow %s is %s, want running", workflowID, st)
	}
	var sa string
	if p := info.GetSearchAttributes().GetIndexedFields()[temporalx.ProcessStatus.GetName()]; p == nil {
		t.Errorf("workflow %s has no %s", workflowID, temporalx.ProcessStatus.GetName())
	} else if err := converter.GetDefaultDataConverter().FromPayload(p, &sa); err != nil || sa != "pending" {
		t.Errorf("workflow %s: %s = %q (%v), want pending", workflowID, temporalx.ProcessStatus.GetName(), sa, err)
	}
}

// settleTables waits until no table changes for a second (the workflows
// have written what they were about to).
func settleTables(t *testing.T, a *testenv.App) {
	t.Helper()
	(&strangeWorld{a: a}).settle(t)
}

// queryStatus is the status the workflow's status query answers.
func queryStatus(t *testing.T, a *testenv.App, workflowID string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := a.Runtime.Temporal.QueryWorkflow(ctx, workflowID, "", accessrequest.QueryStatus)
	if err != nil {
		t.Fatalf("query %s: %v", workflowID, err)
	}
	var raw json.RawMessage
	if err := res.Get(&raw); err != nil {
		t.Fatal(err)
	}
	var q struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Fatalf("query answer %s: %v", raw, err)
	}
	return q.Status
}
