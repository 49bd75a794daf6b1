package renewal

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// Each update has a validator (it refuses before the update is accepted,
// leaving no trace) and a handler that takes the write lock, checks the
// rule again (the state may have moved while it waited), records the next
// state and tells whom it concerns.

// Bounds of what people type into the updates.
const (
	maxReference = 64
	maxPartner   = 200
)

func refuse(errType, format string, args ...any) error {
	return temporal.NewApplicationError(fmt.Sprintf(format, args...), errType)
}

// invalid refuses an argument, naming the field as the API does (the
// field is the error's detail).
func invalid(field, detail string) error {
	return temporal.NewApplicationError(field+": "+detail, ErrInvalid, field)
}

// wrongStatus names the status that refuses the action.
func (w *renewalFlow) wrongStatus(action string) error {
	st := w.state
	switch st.Status {
	case models.RenewalScheduled, models.RenewalVerifying:
		return refuse(ErrWrongStatus, "the renewal quote of site %s due %s is not issued yet: %s is not possible", w.in.SiteNumber, w.due(), action)
	}
	return refuse(ErrWrongStatus, "the renewal of site %s due %s is %s: %s is not possible", w.in.SiteNumber, w.due(), st.Status, action)
}

// printable reports whether s is one line of printable characters.
func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// checkVerify is the rule of a verification, without the in-flight guard.
func (w *renewalFlow) checkVerify(v Verification) error {
	if !v.Allowed {
		return refuse(ErrNotAllowed, "only the Primary Contact of site %s verifies its contacts", w.in.SiteNumber)
	}
	if strings.TrimSpace(v.By.Email) == "" {
		return invalid("by", "is required")
	}
	if w.state.Status.Final() {
		return w.wrongStatus("verifying the contacts")
	}
	if w.state.Verified {
		return refuse(ErrWrongStatus, "the contacts of site %s were already verified by %s", w.in.SiteNumber, w.state.VerifiedBy)
	}
	return nil
}

func (w *renewalFlow) validateVerify(v Verification) error {
	if err := w.checkVerify(v); err != nil {
		return err
	}
	if w.verifying {
		return refuse(ErrWrongStatus, "the contacts of site %s are being verified already", w.in.SiteNumber)
	}
	return nil
}

// verify records the Primary's confirmation that the site's contacts are
// right (optional: the calendar goes on without it).
func (w *renewalFlow) verify(ctx workflow.Context, v Verification) (State, error) {
	w.verifying = true
	defer func() { w.verifying = false }()
	return w.locked(ctx, "verification", func() error { return w.checkVerify(v) }, func() (State, error) {
		next := w.next()
		at := workflow.Now(ctx)
		next.Verified, next.VerifiedBy, next.VerifiedAt = true, strings.TrimSpace(v.By.Email), &at
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "verification", err)
		}
		return w.view(), nil
	})
}

func (w *renewalFlow) validateChannel(c ChannelChoice) error {
	if strings.TrimSpace(c.By.Email) == "" {
		return invalid("by", "is required")
	}
	if !c.Channel.Valid() {
		return invalid("channel", "must be online, business_partner or renewal_rep")
	}
	partner := strings.TrimSpace(c.Partner)
	switch {
	case c.Channel == models.ChannelBusinessPartner && partner == "":
		return invalid("partner", "name the Business Partner you renew through")
	case utf8.RuneCountInString(partner) > maxPartner || !printable(partner):
		return invalid("partner", "must be one line of at most "+strconv.Itoa(maxPartner)+" characters")
	}
	switch w.state.Status {
	case models.RenewalQuoted, models.RenewalAwaitingOrder:
		return nil
	}
	return w.wrongStatus("choosing the channel")
}

// chooseChannel records how the customer renews (F5). An off-line channel
// (a Business Partner, the renewal rep) stops the customer reminders and
// waits for the IBM side to record the order; online again returns to the
// quote. The renewal rep is told of every change (they record the
// external order, or stop expecting it), the Business Partner when chosen.
// The same choice again changes nothing.
func (w *renewalFlow) chooseChannel(ctx workflow.Context, c ChannelChoice) (State, error) {
	return w.locked(ctx, "channel choice", func() error { return w.validateChannel(c) }, func() (State, error) {
		partner := strings.TrimSpace(c.Partner)
		if c.Channel != models.ChannelBusinessPartner {
			partner = ""
		}
		if c.Channel == w.state.Channel && partner == w.state.Partner {
			return w.view(), nil
		}
		next := w.next()
		next.Channel, next.Partner = c.Channel, partner
		next.ChannelChanges++
		next.Status = models.RenewalAwaitingOrder
		if c.Channel == models.ChannelOnline {
			next.Status = models.RenewalQuoted
		}
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "channel choice", err)
		}
		step := "channel-" + strconv.Itoa(next.ChannelChanges) + "-" + string(c.Channel)
		w.notify(ctx, step+"-rep", TemplateChannelRep, AudienceRep, c.By.Email)
		if c.Channel == models.ChannelBusinessPartner {
			w.notify(ctx, step+"-partner", TemplatePartnerOrder, AudiencePartner, c.By.Email)
		}
		return w.view(), nil
	})
}

func (w *renewalFlow) validateExternalOrder(o ExternalOrder) error {
	if !o.Allowed {
		return refuse(ErrNotAllowed, "only a renewal rep or ibm-ops records an external order")
	}
	if strings.TrimSpace(o.By.Email) == "" {
		return invalid("by", "is required")
	}
	if w.state.Status != models.RenewalAwaitingOrder {
		return w.wrongStatus("recording an external order")
	}
	ref := strings.TrimSpace(o.Reference)
	if ref == "" || utf8.RuneCountInString(ref) > maxReference || !printable(ref) {
		return invalid("reference", "must be 1 to "+strconv.Itoa(maxReference)+" printable characters")
	}
	return nil
}

// externalOrder records the order placed through the Business Partner or
// the rep: the renewal is renewed.
func (w *renewalFlow) externalOrder(ctx workflow.Context, o ExternalOrder) (State, error) {
	return w.locked(ctx, "external order", func() error { return w.validateExternalOrder(o) }, func() (State, error) {
		next := w.next()
		next.Status, next.ExternalOrder = models.RenewalRenewed, strings.TrimSpace(o.Reference)
		next.ClosedReason = "renewed through the " + channelWords(w.state.Channel) + ": order " + next.ExternalOrder +
			" recorded by " + strings.TrimSpace(o.By.Email)
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "external order", err)
		}
		if w.state.QuoteNumber != "" {
			settle := ExternalSettlement{Input: w.in, QuoteNumber: w.state.QuoteNumber, Reference: next.ExternalOrder, By: strings.TrimSpace(o.By.Email)}
			settle.Input.Carried = nil
			if err := workflow.ExecuteActivity(policy.Notice(ctx), ActivitySettleExternalOrder, settle).Get(ctx, nil); err != nil {
				w.fail(ctx, "external-order-settlement", err)
			}
		}
		return w.view(), nil
	})
}

func (w *renewalFlow) validateOrdered(o Ordered) error {
	ref := strings.TrimSpace(o.OrderRef)
	if ref == "" {
		return invalid("order_ref", "is required")
	}
	if w.state.QuoteNumber == "" || o.QuoteNumber != w.state.QuoteNumber {
		return invalid("quote_number", fmt.Sprintf("quote %q is not this renewal's quote %q", o.QuoteNumber, w.state.QuoteNumber))
	}
	switch {
	case w.state.Status == models.RenewalRenewed && w.state.OrderRef == ref:
		return nil // told again (a retried settlement): the same answer
	case w.state.Status == models.RenewalQuoted, w.state.Status == models.RenewalAwaitingOrder:
		return nil
	}
	return w.wrongStatus("recording order " + ref)
}

// ordered records that the order process ordered the renewal quote online
// (fulfilment extended the coverage). An order is a fact: it renews a
// renewal that waits for an off-line order too.
func (w *renewalFlow) ordered(ctx workflow.Context, o Ordered) (State, error) {
	return w.locked(ctx, "order", func() error { return w.validateOrdered(o) }, func() (State, error) {
		ref := strings.TrimSpace(o.OrderRef)
		if w.state.Status == models.RenewalRenewed {
			return w.view(), nil
		}
		next := w.next()
		next.Status, next.OrderRef = models.RenewalRenewed, ref
		next.ClosedReason = "renewed online: order " + ref + " of quote " + o.QuoteNumber
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "order", err)
		}
		return w.view(), nil
	})
}

// locked runs a handler's change once the first row is recorded, under
// the write lock, after checking its rule again.
func (w *renewalFlow) locked(ctx workflow.Context, what string, check func() error, change func() (State, error)) (State, error) {
	if err := workflow.Await(ctx, func() bool { return w.started || w.startErr != nil }); err != nil {
		return w.view(), fmt.Errorf("await the first record: %w", err)
	}
	if w.startErr != nil {
		return w.view(), w.startErr
	}
	if err := w.mu.Lock(ctx); err != nil {
		return w.notRecorded(ctx, what, err)
	}
	defer w.mu.Unlock()
	if err := check(); err != nil {
		return w.view(), err
	}
	return change()
}

// notRecorded is the refusal of a change the database refused for good:
// nothing changed.
func (w *renewalFlow) notRecorded(ctx workflow.Context, what string, err error) (State, error) {
	errType, _ := policy.Describe(err)
	if errType == "" {
		errType = "error"
	}
	workflow.GetLogger(ctx).Error("write refused; the renewal is unchanged", "what", what, "type", errType, "error", err)
	return w.view(), temporal.NewNonRetryableApplicationError(
		fmt.Sprintf("the %s could not be recorded (%s): nothing changed", what, errType), ErrNotRecorded, err)
}
