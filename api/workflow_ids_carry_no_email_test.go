package api_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWorkflowIDsCarryNoEmail: a request's workflow is named by its site
// or account and the requester's user id (nomination/<site>/<user id>,
// support-access/<customer>/<user id>), never their email address, which
// would otherwise show in Temporal's UI, search, outbox keys and
// Message-IDs.
func TestWorkflowIDsCarryNoEmail(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	for _, c := range []struct {
		path, who string
		body      map[string]any
		prefix    string
	}{
		{"/v1/nominations", frank, accessRequest("1000001", targetSite, frank, "I run the build farm"), "nomination/" + targetSite + "/"},
		{"/v1/support-access-requests", erin, accessRequest("1000001", "", erin, "I follow our outage cases"), "support-access/1000001/"},
	} {
		r := a.Do("POST", c.path, a.Token(c.who), c.body)
		ok(t, r, http.StatusCreated)
		var v struct {
			ID         string `json:"id"`
			WorkflowID string `json:"workflow_id"`
		}
		r.JSON(t, &v)
		want := c.prefix + strconv.FormatInt(userID(t, a, c.who), 10)
		if v.WorkflowID != want || strings.Contains(v.WorkflowID, "@") {
			t.Errorf("POST %s as %s: workflow id %q, want %q", c.path, c.who, v.WorkflowID, want)
			continue
		}
		// The workflow runs under that id.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		d, err := a.Runtime.Temporal.DescribeWorkflowExecution(ctx, v.WorkflowID, "")
		cancel()
		if err != nil {
			t.Errorf("describe workflow %s: %v", v.WorkflowID, err)
		} else if got := d.GetWorkflowExecutionInfo().GetExecution().GetWorkflowId(); got != want {
			t.Errorf("workflow %s describes as %s", want, got)
		}
		// And the request shows the same id to its requester.
		g := a.Do("GET", c.path+"/"+v.ID, a.Token(c.who), nil)
		ok(t, g, http.StatusOK)
		if !strings.Contains(string(g.Body), `"workflow_id":"`+want+`"`) {
			t.Errorf("GET %s/%s: %s", c.path, v.ID, g.Body)
		}
	}
}
