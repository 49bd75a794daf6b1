package api_test

import "testing"

// nonSite is the expected behaviour of a route that is not site-scoped:
// deny runs with the refused callers (and must change nothing), allow with
// the right users afterwards.
type nonSite struct{ deny, allow func(t *testing.T, m *matrix) }

// nonSiteRoutes is every /v1 route that is not site-scoped, with its
// expected behaviour.
var nonSiteRoutes = map[string]nonSite{
	"GET /v1/me":           {denyMe, allowMe},
	"POST /v1/enrollments": {denyEnrollments, allowEnrollments},
	"GET /v1/dev/mail":     {denyDevMail, allowDevMail},

	"POST /v1/nominations":              {denyPostNomination, allowPostNomination},
	"GET /v1/nominations":               {denyListNominations, allowListNominations},
	"GET /v1/nominations/:id":           {denyGetNomination, allowGetNomination},
	"POST /v1/nominations/:id/decision": {denyDecideNomination, allowDecideNomination},
	"POST /v1/nominations/:id/withdraw": {denyWithdrawNomination, allowWithdrawNomination},

	"POST /v1/support-access-requests":              {denyPostSupportRequest, allowPostSupportRequest},
	"GET /v1/support-access-requests":               {denyListSupportRequests, allowListSupportRequests},
	"GET /v1/support-access-requests/:id":           {denyGetSupportRequest, allowGetSupportRequest},
	"POST /v1/support-access-requests/:id/decision": {denyDecideSupportRequest, allowDecideSupportRequest},
	"POST /v1/support-access-requests/:id/withdraw": {denyWithdrawSupportRequest, allowWithdrawSupportRequest},

	"POST /v1/accounts/:customer/cases":     {denyPostCase, allowPostCase},
	"GET /v1/accounts/:customer/cases":      {denyListCases, allowListCases},
	"GET /v1/cases/:id":                     {denyGetCase, allowGetCase},
	"POST /v1/cases/:id/updates":            {denyPostCaseUpdate, allowPostCaseUpdate},
	"POST /v1/cases/:id/interested-parties": {denyPostCaseParty, allowPostCaseParty},

	"GET /v1/accounts/:customer/audit": {denyAccountAudit, allowAccountAudit},

	"PUT /v1/accounts/:customer/case-following":    {denyCaseFollowing("PUT"), allowCaseFollowing("PUT")},
	"DELETE /v1/accounts/:customer/case-following": {denyCaseFollowing("DELETE"), allowCaseFollowing("DELETE")},

	"GET /v1/accounts/:customer/support-users":       {denySupportUsers, allowSupportUsers},
	"PUT /v1/accounts/:customer/support-users/:user": {denySetSupportLevel, allowSetSupportLevel},
}

// devOnly are the nonSiteRoutes served in dev mode only.
var devOnly = map[string]bool{"GET /v1/dev/mail": true}
