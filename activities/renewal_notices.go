package activities

import (
	"context"
	"fmt"
	netmail "net/mail"
	"slices"
	"strings"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/renewal"
)

// QueueRenewalNotice resolves the audience's addresses now (A6: at send
// time), renders the renewal template with the site, the S&S due (the
// renewal quote's current version once it is recorded), the site's
// contacts and the renewal rep, and queues the email under the notice's
// outbox key, so a retried activity queues it once. Nobody to send to, a
// template that does not render and a row PostgreSQL refuses are
// non-retryable; an outage is retried.
func (r *Renewals) QueueRenewalNotice(ctx context.Context, n renewal.NoticeRequest) error {
	db := r.DB.WithContext(ctx)
	contacts, err := r.siteContacts(db, n.Input.SiteID)
	if err != nil {
		return classify("load contacts", err)
	}
	to, err := r.renewalRecipients(ctx, db, n, contacts)
	if err != nil {
		return classify("resolve recipients", err)
	}
	data, err := r.renewalData(ctx, db, n, contacts)
	if err != nil {
		return classify("load renewal", err)
	}
	return r.queue(ctx, email{Key: n.Key, Template: n.Template, SiteID: n.Input.SiteID, To: to, Data: data})
}

// siteContact is a role holder of the site.
type siteContact struct {
	Role        models.ContactRole
	Name, Email string
}

// siteContacts are the site's role holders, in the roles' display order.
func (r *Renewals) siteContacts(db *gorm.DB, siteID int64) ([]siteContact, error) {
	var rows []siteContact
	if err := db.Raw(`SELECT c.role, u.name, u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
		WHERE c.site_id = ? ORDER BY u.email`, siteID).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("contacts of site id %d: %w", siteID, err)
	}
	slices.SortStableFunc(rows, func(a, b siteContact) int {
		return slices.Index(models.ContactRoles, a.Role) - slices.Index(models.ContactRoles, b.Role)
	})
	return rows, nil
}

// renewalRecipients: the Primary (the verification request); the renewal
// notice contacts (A6: the Administrative and the S&S renewal contact,
// else the Primary); the renewal rep (the sales rep when there is none);
// or the Business Partner of the channel (see partnerEmail); each with the
// rule that chose them.
func (r *Renewals) renewalRecipients(ctx context.Context, db *gorm.DB, n renewal.NoticeRequest, contacts []siteContact) ([]models.Recipient, error) {
	title := noticeTitle(n.Template)
	var to chosen
	switch n.Audience {
	case renewal.AudiencePrimary:
		for _, c := range contacts {
			if c.Role == models.RolePrimary {
				to.add(c.Email, title+" → ", "the Primary Contact")
			}
		}
	case renewal.AudienceRenewal:
		routed := make([]models.Contact, 0, len(contacts))
		for _, c := range contacts {
			routed = append(routed, models.Contact{Role: c.Role, Email: c.Email})
		}
		why, err := models.RouteNoticeWhy(models.NoticeRenewal, routed, "")
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrNoRecipients, err)
		}
		to.addRouted(why)
	case renewal.AudienceRep:
		rep, _, err := r.renewalRep(ctx, n.Input.CustomerID)
		if err != nil {
			return nil, err
		}
		if rep != nil {
			var hasRenewalRep []bool
			if err := db.Raw(`SELECT renewal_rep_id IS NOT NULL FROM customers WHERE id = ?`, n.Input.CustomerID).Scan(&hasRenewalRep).Error; err != nil {
				return nil, fmt.Errorf("renewal rep of customer %s: %w", n.Input.CustomerNumber, err)
			}
			rule := "the customer's renewal rep"
			if len(hasRenewalRep) == 0 || !hasRenewalRep[0] {
				rule = "the customer's sales rep (the customer has no renewal rep)"
			}
			to.add(rep.Email, title+" → ", rule)
		}
	case renewal.AudiencePartner:
		email, name, err := r.partner(db, n)
		if err != nil {
			return nil, err
		}
		rule := "the Business Partner the customer chose to renew through"
		if !strings.EqualFold(email, name) {
			rule = "the Business Partner recorded for the customer, chosen to renew through as \"" + name + "\""
		}
		to.add(email, title+" → ", rule)
	default:
		return nil, temporal.NewNonRetryableApplicationError("unknown audience "+n.Audience, policy.ErrInvalidInput, nil)
	}
	return to.list(), nil
}

// partner resolves the Business Partner the customer chose: when the
// customer named it by an email address, that address; otherwise (a name)
// the Business Partner recorded for the customer (customers.
// business_partner_email), named as the customer named it. The name is
// what the emails show.
func (r *Renewals) partner(db *gorm.DB, n renewal.NoticeRequest) (email, name string, err error) {
	named := strings.TrimSpace(n.State.Partner)
	if a, perr := netmail.ParseAddress(named); perr == nil && strings.EqualFold(a.Address, named) {
		return named, named, nil
	}
	var rows []struct{ Name, Email *string }
	if err := db.Raw(`SELECT business_partner_name AS name, business_partner_email AS email FROM customers WHERE id = ?`,
		n.Input.CustomerID).Scan(&rows).Error; err != nil {
		return "", "", fmt.Errorf("business partner of customer %s: %w", n.Input.CustomerNumber, err)
	}
	if len(rows) > 0 && rows[0].Email != nil {
		return *rows[0].Email, named, nil
	}
	return "", named, nil
}

// renewalData loads what the email shows besides the notice.
func (r *Renewals) renewalData(ctx context.Context, db *gorm.DB, n renewal.NoticeRequest, contacts []siteContact) (mail.RenewalData, error) {
	in, st := n.Input, n.State
	var names struct{ SiteName, CustomerName string }
	if err := db.Raw(`SELECT s.name AS site_name, c.name AS customer_name FROM sites s JOIN customers c ON c.id = s.customer_id
		WHERE s.id = ?`, in.SiteID).Take(&names).Error; err != nil {
		return mail.RenewalData{}, fmt.Errorf("load site %s: %w", in.SiteNumber, err)
	}
	d := mail.RenewalData{
		SiteNumber: in.SiteNumber, SiteName: names.SiteName, CustomerNumber: in.CustomerNumber, CustomerName: names.CustomerName,
		DueDate: in.DueDate, QuoteNumber: st.QuoteNumber, Status: string(st.Status), Reason: st.ClosedReason,
		Channel: string(st.Channel), Partner: st.Partner, By: n.By,
	}
	if left := in.DueDate.Sub(r.now()); left > 0 {
		d.TimeLeft = mail.HumanDuration(left)
	} else {
		d.TimeLeft = "no time"
	}
	if d.By == "" {
		d.By = "The customer"
	}
	rep, phone, err := r.renewalRep(ctx, in.CustomerID)
	if err != nil {
		return mail.RenewalData{}, err
	}
	if rep != nil {
		d.RepName, d.RepEmail, d.RepPhone = rep.Name, rep.Email, phone
	}
	for _, c := range contacts {
		d.Contacts = append(d.Contacts, mail.RenewalContactData{Role: mail.RoleTitle(string(c.Role)), Name: c.Name, Email: c.Email})
	}
	if err := r.quoteLines(db, st.QuoteNumber, &d); err != nil {
		return mail.RenewalData{}, err
	}
	if len(d.Lines) == 0 {
		due, err := r.linesDue(ctx, in)
		if err != nil {
			return mail.RenewalData{}, err
		}
		for _, l := range due {
			d.Lines = append(d.Lines, mail.RenewalLineData{PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity})
		}
	}
	if n.Template == renewal.TemplateLapsed {
		descriptions := make([]string, 0, len(d.Lines))
		for _, l := range d.Lines {
			descriptions = append(descriptions, l.Description)
		}
		parts, err := catalog.ReinstatementParts(ctx, db, descriptions)
		if err != nil {
			return mail.RenewalData{}, err
		}
		d.ReinstatementParts = parts
	}
	return d, nil
}

// quoteLines fills d's lines and total from the renewal quote's current
// version, when it is recorded (the quote runs beside the renewal: right
// after its start it may not be).
func (r *Renewals) quoteLines(db *gorm.DB, number string, d *mail.RenewalData) error {
	if number == "" {
		return nil
	}
	var head []struct {
		ID, Version, TotalMinor int64
		Currency                string
	}
	if err := db.Raw(`SELECT q.id, q.current_version AS version, v.total_minor, v.currency FROM quotes q
		JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version WHERE q.quote_number = ?`, number).Scan(&head).Error; err != nil {
		return fmt.Errorf("load quote %s: %w", number, err)
	}
	if len(head) == 0 {
		return nil
	}
	var lines []models.QuoteLine
	if err := db.Where("quote_id = ? AND version = ?", head[0].ID, head[0].Version).Order("line_no").Find(&lines).Error; err != nil {
		return fmt.Errorf("load lines of quote %s: %w", number, err)
	}
	for _, l := range lines {
		d.Lines = append(d.Lines, mail.RenewalLineData{PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity,
			UnitPrice: models.Money{Minor: l.UnitMinor, Currency: l.Currency}.String(),
			Total:     models.Money{Minor: l.LineTotalMinor, Currency: l.Currency}.String()})
	}
	d.Total = models.Money{Minor: head[0].TotalMinor, Currency: head[0].Currency}.String()
	return nil
}
