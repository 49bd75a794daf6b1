package activities

import (
	"context"
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/documents"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/orders"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// QueueOrderNotice resolves the audience's addresses now (A6: at send
// time), renders the order template with the order as its customer sees
// it (and its Proof of Entitlement once issued) and queues the email under
// the notice's outbox key, so a retried activity queues it once.
func (o *Orders) QueueOrderNotice(ctx context.Context, n order.NoticeRequest) error {
	db := o.DB.WithContext(ctx)
	to, err := o.orderRecipients(db, n)
	if err != nil {
		return classify("resolve recipients", err)
	}
	data, err := o.orderData(ctx, n)
	if err != nil {
		return classify("load order", err)
	}
	return o.queue(ctx, email{Key: n.Key, Template: n.Template, SiteID: n.Input.SiteID, To: to, Data: data})
}

// orderRecipients: the buyer; the site's PoE contacts (A6: the
// Administrative Contact and/or the Business Partner); or the IBM side
// (the customer's sales rep); each with the rule that chose them.
func (o *Orders) orderRecipients(db *gorm.DB, n order.NoticeRequest) ([]models.Recipient, error) {
	in := n.Input
	title := noticeTitle(n.Template)
	var to chosen
	switch n.Audience {
	case order.AudienceBuyer:
		to.add(in.Buyer.Email, title+" → ", "the buyer")
	case order.AudiencePoE:
		var contacts []models.Contact
		if err := db.Raw(`SELECT c.role, u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
			WHERE c.site_id = ?`, in.SiteID).Scan(&contacts).Error; err != nil {
			return nil, fmt.Errorf("load contacts of site %s: %w", in.SiteNumber, err)
		}
		var bp *string
		if err := db.Raw(`SELECT business_partner_email FROM customers WHERE id = ?`, in.CustomerID).Scan(&bp).Error; err != nil {
			return nil, fmt.Errorf("load business partner: %w", err)
		}
		partner := ""
		if bp != nil {
			partner = *bp
		}
		routed, err := models.RouteNoticeWhy(models.NoticeProofOfEntitlement, contacts, partner)
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrNoRecipients, err)
		}
		to.addRouted(routed)
	case order.AudienceIBM:
		var rep *string
		if err := db.Raw(`SELECT u.email FROM customers c JOIN users u ON u.id = c.sales_rep_id WHERE c.id = ?`,
			in.CustomerID).Scan(&rep).Error; err != nil {
			return nil, fmt.Errorf("load sales rep: %w", err)
		}
		if rep != nil {
			to.add(*rep, title+" → ", "the customer's sales rep")
		}
	default:
		return nil, temporal.NewNonRetryableApplicationError("unknown audience "+n.Audience, policy.ErrInvalidInput, nil)
	}
	return to.list(), nil
}

// orderData is the order as the email shows it, from the read model, with
// the status and reason the notice is about.
func (o *Orders) orderData(ctx context.Context, n order.NoticeRequest) (mail.OrderData, error) {
	v, err := orders.Load(ctx, o.DB, n.Input.Reference)
	if err != nil {
		return mail.OrderData{}, fmt.Errorf("load order %s: %w", n.Input.Reference, err)
	}
	d := mail.OrderData{
		Reference: v.Reference, Status: string(n.State.Status), Reason: n.State.Reason,
		SiteNumber: v.SiteNumber, SiteName: v.SiteName, CustomerNumber: v.CustomerNumber, CustomerName: v.CustomerName,
		Buyer: v.Buyer, OrderedAt: v.OrderedAt, Payment: documents.PaymentText(v.Payment), Total: v.Total.String(),
	}
	for _, l := range v.Lines {
		ld := mail.OrderLineData{PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity,
			UnitPrice: l.UnitPrice.String(), Total: l.LineTotal.String(), Discount: percent(l.DiscountBP)}
		if l.CoverageStart != nil && l.CoverageEnd != nil {
			ld.Coverage = documents.FormatPeriod(*l.CoverageStart, *l.CoverageEnd)
		}
		d.Lines = append(d.Lines, ld)
	}
	t := n.Input.Timers
	switch n.State.Status {
	case models.OrderPaymentDeclined:
		d.Expires = n.State.Since.Add(t.DeclinedExpireAfter)
	case models.OrderAwaitingPO:
		d.Expires = n.State.Since.Add(t.POExpireAfter)
	}
	if n.State.DocumentNumber != "" {
		doc, err := orders.LoadDocumentByNumber(ctx, o.DB, n.State.DocumentNumber)
		if err != nil {
			return mail.OrderData{}, fmt.Errorf("load document %s: %w", n.State.DocumentNumber, err)
		}
		p := doc.PoE
		pd := &mail.PoEData{Number: p.Number, IssuedAt: p.IssuedAt, AgreementNumber: p.AgreementNumber}
		for _, it := range p.Items {
			pd.Items = append(pd.Items, mail.PoEItemData{PartNumber: it.PartNumber, Description: it.Description,
				Entitlement: it.Entitlement, Quantity: it.Quantity,
				Coverage: documents.FormatPeriod(it.CoverageStart, it.CoverageEnd)})
		}
		d.Document = pd
	}
	return d, nil
}

// SettleQuotes tells each quote the order settles that it was ordered, at
// the version the order locked (the quote's order update), and then the
// renewal a renewal quote belongs to that it is renewed (tellRenewal). A
// quote or renewal that refuses (it expired, or was revised while a
// purchase order waited) or whose workflow is gone is reported,
// non-retryable: the order stands at its locked prices. Temporal being
// unreachable is retried.
func (o *Orders) SettleQuotes(ctx context.Context, s order.Settlement) error {
	var refused []string
	for _, q := range s.Quotes {
		no, err := o.tell(ctx, quote.WorkflowID(q.Number), quote.UpdateOrder,
			quote.Order{OrderRef: s.Reference, Version: q.Version, By: order.SystemActor})
		if err != nil {
			return err
		}
		renewalRefused, err := o.tellRenewal(ctx, s.Reference, q.Number)
		if err != nil {
			return err
		}
		for _, r := range []string{no, renewalRefused} {
			if r != "" {
				refused = append(refused, r)
			}
		}
	}
	if len(refused) > 0 {
		return temporal.NewNonRetryableApplicationError("quotes not settled: "+strings.Join(refused, "; "), policy.ErrInvalidInput, nil)
	}
	return nil
}

// tellRenewal tells the renewal whose quote is number (renewals.
// quote_number), if any, that order ref ordered it (the renewal's ordered
// update; a repeated one answers the same). No renewal: nothing to do. A
// renewal that refuses or whose workflow is gone is returned as refused;
// Temporal or PostgreSQL being unreachable is an error to retry.
func (o *Orders) tellRenewal(ctx context.Context, ref, number string) (refused string, err error) {
	var ids []string
	if err := o.DB.WithContext(ctx).Raw(`SELECT workflow_id FROM renewals WHERE quote_number = ?`, number).Scan(&ids).Error; err != nil {
		return "", fmt.Errorf("renewal of quote %s: %w", number, err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return o.tell(ctx, ids[0], renewal.UpdateOrdered, renewal.Ordered{OrderRef: ref, QuoteNumber: number})
}
