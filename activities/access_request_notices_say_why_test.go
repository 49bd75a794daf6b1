package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Every access-request email records why each recipient got it (issue 11
// item 3): frank's self-nomination for 300001 reaches its Primary and
// those with manage access = update, its escalation the Secondary
// Contacts (or, with none, the Primary), the decision the requester; the
// rows are 300001's. A person chosen by several rules is told all of them. Erin's support-access request reaches the Site
// Technical Contacts of the account's sites and its support
// administrators; the row is the account's, about no site.
func TestAccessRequestNoticesSayWhyEachRecipientGotThem(t *testing.T) {
	f := newFixture(t)
	site := f.in.SiteID
	queue := func(in accessrequest.Input, step, template string, aud accessrequest.Audience) string {
		t.Helper()
		n := accessrequest.NoticeRequest{Key: accessrequest.NoticeKey(in.RequestID, step), Template: template,
			Audience: aud, Input: in, State: accessrequest.State{Status: models.StatusPending}}
		f.mustRun(t, accessrequest.ActivityQueueNotice, n)
		return n.Key
	}

	f.wantWhy(t, queue(f.in, "notify-approvers", "request_new", accessrequest.AudienceApprovers), site, map[string]string{
		alice: "self-nomination → approver: Primary Contact of site 300001 and manage access = update on site 300001",
		grace: "self-nomination → approver: manage access = update on site 300001",
	})
	f.wantWhy(t, queue(f.in, "escalate-secondaries", "request_escalated", accessrequest.AudienceSecondaries), site, map[string]string{
		dave:  "self-nomination escalated → Secondary Contact of site 300001",
		grace: "self-nomination escalated → Secondary Contact of site 300001",
	})
	f.wantWhy(t, queue(f.in, "notify-requester", "request_approved", accessrequest.AudienceRequester), site, map[string]string{
		frank: "self-nomination approved → the requester",
	})

	sup := f.supportInput(t)
	f.wantWhy(t, queue(sup, "notify-approvers", "request_new", accessrequest.AudienceApprovers), 0, map[string]string{
		carol: "support access request → approver: Site Technical Contact of site 300001, " +
			"Site Technical Contact of site 300002 and support administrator of account 1000001",
	})
	f.wantWhy(t, queue(sup, "escalate-secondaries", "request_escalated", accessrequest.AudienceSecondaries), 0, map[string]string{
		dave:  "support access request escalated → Secondary Contact of site 300001",
		grace: "support access request escalated → Secondary Contact of site 300001",
	})

	// No Secondary Contact: the escalation falls back to the Primary (of
	// each site of the account), and says so.
	f.exec(t, "DELETE FROM site_contacts WHERE site_id = ? AND role = 'secondary'", site)
	f.wantWhy(t, queue(f.in, "escalate-primary", "request_escalated", accessrequest.AudienceSecondaries), site, map[string]string{
		alice: "self-nomination escalated → no Secondary Contact, fell back to the Primary Contact of site 300001",
	})
	f.wantWhy(t, queue(sup, "escalate-primaries", "request_escalated", accessrequest.AudienceSecondaries), 0, map[string]string{
		alice:                    "support access request escalated → no Secondary Contact, fell back to the Primary Contact of site 300001",
		"heidi@acme.example.com": "support access request escalated → no Secondary Contact, fell back to the Primary Contact of site 300002",
	})
}
