package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/workflowservice/v1"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
)

const (
	frank = "frank@newcomer.example.com"
	alice = "alice@acme.example.com" // Primary of 300001
	grace = "grace@acme.example.com" // manage_access=update on 300001
)

type reqView struct {
	ID         string            `json:"id"`
	WorkflowID string            `json:"workflow_id"`
	Status     string            `json:"status"`
	DecidedBy  string            `json:"decided_by"`
	Granted    map[string]string `json:"granted"`
	Reminded   bool              `json:"reminded"`
	Escalated  bool              `json:"escalated"`
}

func nominate(t *testing.T, w world, who, site string) reqView {
	t.Helper()
	r := w.Do("POST", "/v1/nominations", w.Token(who), map[string]string{
		"customer_number": "1000001", "site_number": site, "name": "Frank Newcomer", "email": who,
		"company": "Acme Corporation", "phone": "+15125550100", "reason": "I run the Austin data platform team",
	})
	if r.Status != http.StatusCreated {
		t.Fatalf("nominate = %d %s", r.Status, r.Body)
	}
	var v reqView
	r.JSON(t, &v)
	// The workflow ID is the site and the requester's user id: no email.
	if v.Status != "pending" || !strings.HasPrefix(v.WorkflowID, "nomination/"+site+"/") || strings.Contains(v.WorkflowID, "@") {
		t.Fatalf("nomination = %+v", v)
	}
	return v
}

// The whole self-nomination path over HTTP: request, approver emails,
// worker outage while waiting, approval by the Primary, privileges visible
// in /v1/me, emails to the right people exactly once, search by site number.
func TestSelfNominationApprovedByPrimary(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	v := nominate(t, w, frank, "300001")

	// C6: a second pending request for the same site is refused.
	if r := w.Do("POST", "/v1/nominations", w.Token(frank), map[string]string{
		"customer_number": "1000001", "site_number": "300001", "name": "Frank", "email": frank,
		"company": "Acme", "phone": "+15125550100", "reason": "again please",
	}); r.Status != http.StatusConflict {
		t.Fatalf("duplicate nomination = %d %s", r.Status, r.Body)
	}

	// C2: the Primary and everyone with manage access = update are told.
	msgs := w.waitMail(t, 1, 20*time.Second)
	if got := sortedTo(msgs[0]); !slices.Equal(got, []string{alice, grace}) || !strings.Contains(msgs[0].Subject, "300001") {
		t.Fatalf("approver email to %v %q", got, msgs[0].Subject)
	}

	// The approver's queue lists it, served from Postgres.
	var queue struct{ Requests []reqView }
	w.Do("GET", "/v1/nominations?as=approver&status=pending", w.Token(alice), nil).JSON(t, &queue)
	if len(queue.Requests) != 1 || queue.Requests[0].ID != v.ID {
		t.Fatalf("alice's queue = %+v", queue)
	}

	// The worker goes away while the request waits; the decision is sent
	// meanwhile and completes once a worker is back.
	w.StopWorker()
	done := make(chan reqView, 1)
	go func() {
		r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(alice), map[string]any{
			"decision": "approve", "privileges": map[string]string{"software": "downloads", "reporting": "view"},
		})
		var out reqView
		if r.Status != http.StatusOK {
			out.Status = fmt.Sprintf("HTTP %d %s", r.Status, r.Body)
		} else if err := json.Unmarshal(r.Body, &out); err != nil {
			out.Status = "undecodable: " + err.Error()
		}
		done <- out
	}()
	time.Sleep(1500 * time.Millisecond)
	w.StartWorker()
	var decided reqView
	select {
	case decided = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("decision did not complete after the worker came back")
	}
	if decided.Status != "approved" || decided.DecidedBy != alice || decided.Granted["software"] != "downloads" {
		t.Fatalf("decision = %+v", decided)
	}

	// C3: exactly one decision counts.
	if r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(grace), map[string]any{
		"decision": "reject", "reason": "too late",
	}); r.Status != http.StatusConflict {
		t.Fatalf("second decision = %d %s", r.Status, r.Body)
	}

	// The privileges are visible at once.
	var me struct {
		Sites []struct {
			SiteNumber string            `json:"site_number"`
			Privileges map[string]string `json:"privileges"`
		}
	}
	w.Do("GET", "/v1/me", w.Token(frank), nil).JSON(t, &me)
	if len(me.Sites) != 1 || me.Sites[0].SiteNumber != "300001" || me.Sites[0].Privileges["software"] != "downloads" ||
		me.Sites[0].Privileges["reporting"] != "view" || me.Sites[0].Privileges["manage_access"] != "none" {
		t.Fatalf("frank's /v1/me = %+v", me)
	}

	// C4: the requester is told; every email exactly once.
	msgs = w.waitMail(t, 2, 20*time.Second)
	time.Sleep(300 * time.Millisecond) // several sender polls: nothing more may arrive
	msgs = w.sink.Messages()
	if len(msgs) != 2 {
		t.Fatalf("emails = %v", subjects(msgs))
	}
	if got := sortedTo(msgs[1]); !slices.Equal(got, []string{frank}) || !strings.Contains(msgs[1].Subject, "approved") {
		t.Fatalf("requester email to %v %q", got, msgs[1].Subject)
	}
	if msgs[0].MessageID == msgs[1].MessageID {
		t.Fatal("message ids repeat")
	}

	// H4: the submission, decision and grant are audited.
	var actions []string
	if err := w.Runtime.DB.Raw("SELECT action FROM audit_log WHERE object_id = ? ORDER BY id", v.ID).Scan(&actions).Error; err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(actions, []string{"request.submit", "request.grant", "request.approve"}) {
		t.Fatalf("audit actions = %v", actions)
	}

	// H1: operators find it in Temporal by site number and status.
	eventually(t, 20*time.Second, func() string {
		resp, err := w.Runtime.Temporal.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf(`%s = "300001" AND %s = "approved"`, temporalx.SiteNumber.GetName(), temporalx.ProcessStatus.GetName()),
		})
		if err != nil {
			return err.Error()
		}
		for _, e := range resp.Executions {
			if e.Execution.WorkflowId == v.WorkflowID {
				return ""
			}
		}
		return fmt.Sprintf("workflow %s not found by SiteNumber/ProcessStatus (%d hits)", v.WorkflowID, len(resp.Executions))
	})
	recordHistory(t, w.Runtime.Temporal, v.WorkflowID, runIDOf(t, w, v.ID), "nomination_approved")
}
