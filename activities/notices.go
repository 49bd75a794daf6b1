package activities

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// Notices queue emails in the outbox; the mail sender delivers them.
type Notices struct{ Deps }

// QueueNotice resolves the audience's addresses now (A6: at send time),
// renders the template and queues the email under the request's outbox key,
// so a retried activity queues it once. Nobody to send to
// (policy.ErrNoRecipients), a template that does not render and a row
// PostgreSQL refuses are non-retryable; an outage is retried. The email
// shows when the request expires: its recorded creation plus the expiry
// delay (C5).
func (n *Notices) QueueNotice(ctx context.Context, req accessrequest.NoticeRequest) error {
	to, err := n.recipients(ctx, req)
	if err != nil {
		return classify("resolve recipients", err)
	}
	created, err := n.createdAt(ctx, req.Input.RequestID)
	if err != nil {
		return classify("load request", err)
	}
	return n.queue(ctx, email{Key: req.Key, Template: req.Template, SiteID: req.Input.SiteID, To: to, Data: noticeData(req, created)})
}

// createdAt is when the request's row was recorded, the start its expiry
// counts from (the API shows it as created_at). The workflow records the row
// before its first notice; without one (it cannot be parsed or is gone) the
// activity's clock stands in.
func (n *Notices) createdAt(ctx context.Context, requestID string) (time.Time, error) {
	id, err := uuid.Parse(requestID)
	if err != nil {
		return n.now(), nil
	}
	var row models.AccessRequest
	err = n.DB.WithContext(ctx).Select("created_at").Where("id = ?", id).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return n.now(), nil
	case err != nil:
		return time.Time{}, fmt.Errorf("load request %s: %w", requestID, err)
	}
	return row.CreatedAt, nil
}

// recipients are the audience's addresses, each with the rule that chose
// them ("self-nomination → approver: manage access = update on site
// 300001").
func (n *Notices) recipients(ctx context.Context, req accessrequest.NoticeRequest) ([]models.Recipient, error) {
	in := req.Input
	db := n.DB.WithContext(ctx)
	title := requestTitle(in.Kind, req.Template)
	var to chosen
	var rows []struct{ Email, Why, Site string }
	switch req.Audience {
	case accessrequest.AudienceRequester:
		to.add(in.Requester.Email, title+" → ", "the requester")
	case accessrequest.AudienceApprovers:
		if in.Kind == models.KindNomination {
			// C2: the Primary and everyone with manage access = update.
			err := db.Raw(`SELECT u.email, 'primary' AS why, s.site_number AS site FROM users u
				JOIN site_contacts c ON c.user_id = u.id JOIN sites s ON s.id = c.site_id
				WHERE c.site_id = ? AND c.role = 'primary'
				UNION SELECT u.email, 'manage', s.site_number FROM users u
				JOIN site_access a ON a.user_id = u.id JOIN sites s ON s.id = a.site_id
				WHERE a.site_id = ? AND a.manage_access >= ? ORDER BY why DESC, site`, in.SiteID, in.SiteID, models.LevelUpdate).Scan(&rows).Error
			if err != nil {
				return nil, fmt.Errorf("resolve approvers: %w", err)
			}
		} else {
			// D2: the people who can decide: the STC of each of the
			// account's sites and its support administrators. (No A6
			// fallback here: a Primary who is neither could not act.)
			err := db.Raw(`SELECT u.email, 'technical' AS why, s.site_number AS site FROM users u
				JOIN site_contacts c ON c.user_id = u.id JOIN sites s ON s.id = c.site_id
				WHERE s.customer_id = ? AND c.role = 'technical'
				UNION SELECT u.email, 'support-admin', '' FROM users u JOIN support_access a ON a.user_id = u.id
				WHERE a.customer_id = ? AND a.level = ? ORDER BY why DESC, site`, in.CustomerID, in.CustomerID, models.SupportAdmin).Scan(&rows).Error
			if err != nil {
				return nil, fmt.Errorf("resolve support administrators: %w", err)
			}
		}
		for _, r := range rows {
			switch r.Why {
			case "primary":
				to.add(r.Email, title+" → approver: ", "Primary Contact of site "+r.Site)
			case "manage":
				to.add(r.Email, title+" → approver: ", "manage access = update on site "+r.Site)
			case "technical":
				to.add(r.Email, title+" → approver: ", "Site Technical Contact of site "+r.Site)
			default:
				to.add(r.Email, title+" → approver: ", "support administrator of account "+in.CustomerNumber)
			}
		}
	case accessrequest.AudienceSecondaries:
		q := db.Raw(`SELECT u.email, s.site_number AS site FROM users u JOIN site_contacts c ON c.user_id = u.id
			JOIN sites s ON s.id = c.site_id
			WHERE c.role = 'secondary' AND c.site_id IN (SELECT id FROM sites WHERE `+siteFilter(in)+`)
			ORDER BY s.site_number, u.email`, siteArg(in))
		if err := q.Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("resolve secondary contacts: %w", err)
		}
		for _, r := range rows {
			to.add(r.Email, title+" → Secondary Contact of ", "site "+r.Site)
		}
		if len(rows) == 0 { // no secondaries: A6 falls back to the Primary (of the site, or of each site of the account)
			primaries, err := n.routeForSites(db, in, models.NoticeAgreementChange)
			if err != nil {
				return nil, err
			}
			for _, p := range primaries {
				to.add(p.Email, title+" → no Secondary Contact, fell back to the Primary Contact of ", "site "+p.Site)
			}
		}
	default:
		return nil, temporal.NewNonRetryableApplicationError("unknown audience "+string(req.Audience), policy.ErrInvalidInput, nil)
	}
	if req.Audience != accessrequest.AudienceRequester {
		// The requester never approves their own request, so they are
		// dropped from approver and escalation audiences.
		to.drop(in.Requester.Email)
	}
	return to.list(), nil
}

func siteFilter(in accessrequest.Input) string {
	if in.Kind == models.KindNomination {
		return "id = ?"
	}
	return "customer_id = ?"
}

func siteArg(in accessrequest.Input) int64 {
	if in.Kind == models.KindNomination {
		return in.SiteID
	}
	return in.CustomerID
}

// routedTo is an address the A6 routing chose for a site.
type routedTo struct{ Email, Site string }

// routeForSites applies the A6 routing of kind to the request's site (a
// nomination) or to every site of its account, and unions the results,
// each with the number of the site that chose it.
func (n *Notices) routeForSites(db *gorm.DB, in accessrequest.Input, kind models.NoticeKind) ([]routedTo, error) {
	var rows []struct {
		SiteID     int64
		SiteNumber string
		Role       models.ContactRole
		Email      string
	}
	if err := db.Raw(`SELECT c.site_id, s.site_number, c.role, u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
		JOIN sites s ON s.id = c.site_id
		WHERE c.site_id IN (SELECT id FROM sites WHERE `+siteFilter(in)+`) ORDER BY c.site_id`, siteArg(in)).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load contacts: %w", err)
	}
	bySite := map[int64][]models.Contact{}
	number := map[int64]string{}
	var ids []int64
	for _, r := range rows {
		if _, ok := bySite[r.SiteID]; !ok {
			ids = append(ids, r.SiteID)
		}
		bySite[r.SiteID] = append(bySite[r.SiteID], models.Contact{Role: r.Role, Email: r.Email})
		number[r.SiteID] = r.SiteNumber
	}
	var out []routedTo
	for _, id := range ids {
		to, err := models.RouteNotice(kind, bySite[id], "")
		if err != nil {
			return nil, fmt.Errorf("route %s for site %d: %w", kind, id, err)
		}
		for _, e := range to {
			out = append(out, routedTo{Email: e, Site: number[id]})
		}
	}
	return out, nil
}

// noticeData is what the templates show, in the words a person reads in the
// product: tools and levels by their B1 titles ("Software & services:
// downloads and media"), the support level by its D1 title ("Full"), and
// the expiry as a duration and the moment it falls, counted from created.
func noticeData(req accessrequest.NoticeRequest, created time.Time) mail.NoticeData {
	in, st := req.Input, req.State
	d := mail.NoticeData{
		RequestID: in.RequestID, Kind: string(in.Kind), SiteNumber: in.SiteNumber, CustomerNumber: in.CustomerNumber,
		RequesterName: in.Requester.Name, RequesterEmail: in.Requester.Email, Company: in.Requester.Company,
		Phone: in.Requester.Phone, Reason: in.Reason, Status: string(st.Status),
		DecidedBy: st.DecidedBy, DecisionReason: st.DecisionReason,
		ExpireAfter: in.Timers.ExpireAfter,
	}
	if !created.IsZero() && in.Timers.ExpireAfter > 0 {
		d.ExpiresAt = created.Add(in.Timers.ExpireAfter)
	}
	if st.Granted != nil {
		d.Granted = st.Granted.Titled()
	}
	if st.SupportLevel != nil {
		d.SupportLevel = st.SupportLevel.Title()
	}
	return d
}
