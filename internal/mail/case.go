package mail

import "strconv"

// CaseUpdateNotice is the template of the email sent when a support case
// gets an update (D1 "receive updates").
const CaseUpdateNotice = "case_update"

// CaseUpdateData is what the case_update template shows: only what the
// recipients can see in the product (no internal user ids, no level codes).
type CaseUpdateData struct {
	CustomerNumber string
	CaseID         int64
	Title          string
	AuthorName     string // may be empty: the email alone names the author
	AuthorEmail    string
	Body           string
}

// Author is the author as the email shows them: "Name <email>", or the
// email alone when the user has no name.
func (d CaseUpdateData) Author() string {
	if d.AuthorName == "" {
		return d.AuthorEmail
	}
	return d.AuthorName + " <" + d.AuthorEmail + ">"
}

// Link is the path of the case in the API.
func (d CaseUpdateData) Link() string { return "/v1/cases/" + strconv.FormatInt(d.CaseID, 10) }

// FollowingLink is the path that stops following the account's cases.
func (d CaseUpdateData) FollowingLink() string {
	return "/v1/accounts/" + d.CustomerNumber + "/case-following"
}

// RenderCaseUpdate renders the case_update email.
func RenderCaseUpdate(d CaseUpdateData) (Message, error) { return Render(CaseUpdateNotice, d) }
