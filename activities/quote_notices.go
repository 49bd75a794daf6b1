package activities

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

// QueueQuoteNotice resolves the audience's addresses now (A6: at send
// time), renders the quote template with what the recipients see in the
// product (the version's lines and total, the change request, the rep's
// contact details) and queues the email under the notice's outbox key, so
// a retried activity queues it once. Nobody to send to, a template that
// does not render and a row PostgreSQL refuses are non-retryable; an
// outage is retried.
func (q *Quotes) QueueQuoteNotice(ctx context.Context, n quote.NoticeRequest) error {
	db := q.DB.WithContext(ctx)
	to, err := q.quoteRecipients(db, n)
	if err != nil {
		return classify("resolve recipients", err)
	}
	data, err := q.quoteData(db, n)
	if err != nil {
		return classify("load quote", err)
	}
	return q.queue(ctx, email{Key: n.Key, Template: n.Template, SiteID: n.Input.SiteID, To: to, Data: data})
}

// quoteRecipients: the rep; or the customer side: a sales quote's
// requester, a renewal quote's renewal notice contacts of the site (A6),
// and whoever filed the change request the notice is about; each with the
// rule that chose them.
func (q *Quotes) quoteRecipients(db *gorm.DB, n quote.NoticeRequest) ([]models.Recipient, error) {
	in := n.Input
	title := noticeTitle(n.Template)
	var to chosen
	switch n.Audience {
	case quote.AudienceRep:
		to.add(in.Rep.Email, title+" → ", "the quote's rep")
	case quote.AudienceCustomer:
		if in.Requester != nil {
			to.add(in.Requester.Email, title+" → ", "asked for the quote")
		}
		if in.Kind == models.QuoteRenewal {
			var contacts []models.Contact
			if err := db.Raw(`SELECT c.role, u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
				WHERE c.site_id = ?`, in.SiteID).Scan(&contacts).Error; err != nil {
				return nil, fmt.Errorf("load contacts of site %s: %w", in.SiteNumber, err)
			}
			routed, err := models.RouteNoticeWhy(models.NoticeRenewal, contacts, "")
			if err != nil {
				return nil, temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrNoRecipients, err)
			}
			to.addRouted(routed)
		}
		if n.Change != nil {
			to.add(n.Change.By.Email, title+" → ", "filed change request "+strconv.Itoa(n.Change.Seq))
		}
	default:
		return nil, temporal.NewNonRetryableApplicationError("unknown audience "+string(n.Audience), policy.ErrInvalidInput, nil)
	}
	return to.list(), nil
}

// quoteData loads what the email shows besides the notice: the site and
// customer names, the rep's name and phone (F4), and, for a notice about
// no version yet, the lines asked for.
func (q *Quotes) quoteData(db *gorm.DB, n quote.NoticeRequest) (mail.QuoteData, error) {
	in := n.Input
	var ctxRow struct {
		SiteName, CustomerName, RepName, RepPhone string
	}
	err := db.Raw(`SELECT s.name AS site_name, c.name AS customer_name, u.name AS rep_name, u.phone AS rep_phone
		FROM sites s JOIN customers c ON c.id = s.customer_id, users u WHERE s.id = ? AND u.id = ?`,
		in.SiteID, in.Rep.ID).Take(&ctxRow).Error
	if err != nil {
		return mail.QuoteData{}, fmt.Errorf("load site %s and rep: %w", in.SiteNumber, err)
	}
	d := mail.QuoteData{
		QuoteNumber: in.QuoteNumber, Kind: string(in.Kind), Status: string(n.Status),
		SiteNumber: in.SiteNumber, SiteName: ctxRow.SiteName, CustomerNumber: in.CustomerNumber, CustomerName: ctxRow.CustomerName,
		RepName: ctxRow.RepName, RepEmail: in.Rep.Email, RepPhone: ctxRow.RepPhone, Note: in.Note, Reason: n.Reason,
	}
	if r := in.Requester; r != nil {
		d.RequesterName, d.RequesterEmail = r.Name, r.Email
		if d.RequesterName == "" {
			d.RequesterName = r.Email
		}
	}
	if v := n.Version; v != nil {
		d.Version, d.VersionNote, d.ValidUntil, d.Total = v.Number, v.Note, v.ValidUntil, v.Total.String()
		for _, l := range v.Lines {
			d.Lines = append(d.Lines, mail.QuoteLineData{PartNumber: l.PartNumber, Description: l.Description,
				Quantity: l.Quantity, UnitPrice: l.Unit.String(), Discount: percent(l.DiscountBP), Total: l.Total.String()})
		}
	} else {
		var asked []models.QuoteRequestLine
		if err := db.Joins("JOIN quotes ON quotes.id = quote_request_lines.quote_id").
			Where("quotes.quote_number = ?", in.QuoteNumber).Order("line_no").Find(&asked).Error; err != nil {
			return mail.QuoteData{}, fmt.Errorf("load the lines asked for: %w", err)
		}
		for _, l := range asked {
			d.Lines = append(d.Lines, mail.QuoteLineData{PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity})
		}
	}
	if c := n.Change; c != nil {
		cd := &mail.QuoteChangeData{Seq: c.Seq, By: c.By.Email, Note: c.Note, OnVersion: c.OnVersion}
		if c.By.Name != "" {
			cd.By = c.By.Name + " <" + c.By.Email + ">"
		}
		for _, ch := range c.Changes {
			cd.Changes = append(cd.Changes, ch.String())
		}
		d.Change = cd
	}
	return d, nil
}

// percent writes basis points for people: 500 → "5%", 1250 → "12.5%", 0 → "".
func percent(bp int) string {
	if bp == 0 {
		return ""
	}
	s := strconv.Itoa(bp/100) + "." + fmt.Sprintf("%02d", bp%100)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + "%"
}
