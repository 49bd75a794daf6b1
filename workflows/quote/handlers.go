package quote

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// Each update has a validator (it refuses before the update is accepted,
// leaving no trace) and a handler that takes the write lock, checks the
// rule again (the state may have moved while it waited), records the next
// state and tells whom it concerns.

func refuse(errType, format string, args ...any) error {
	return temporal.NewApplicationError(fmt.Sprintf(format, args...), errType)
}

// invalid refuses an argument, naming the field as the API does (the
// field is the error's detail).
func invalid(field, detail string) error {
	return temporal.NewApplicationError(field+": "+detail, ErrInvalid, field)
}

func ruleRefusal(err error) error {
	var r *models.QuoteRuleError
	if errors.As(err, &r) {
		return invalid(r.Field, r.Detail)
	}
	return refuse(ErrInvalid, "%s", err.Error())
}

func (w *quoteFlow) validateSubmit() error {
	if w.submitAsked {
		return refuse(ErrAlreadySubmitted, "the quote is already submitted")
	}
	return nil
}

// submitUpdate answers once run() has recorded the quote's first row.
func (w *quoteFlow) submitUpdate(ctx workflow.Context) (State, error) {
	w.submitAsked = true
	if err := workflow.Await(ctx, func() bool { return w.submitted || w.submitErr != nil }); err != nil {
		return w.view(), fmt.Errorf("await submission: %w", err)
	}
	return w.view(), w.submitErr
}

// checkRep refuses anyone but the quote's rep.
func (w *quoteFlow) checkRep(by Person, does string) error {
	if by.ID == w.in.Rep.ID && strings.EqualFold(by.Email, w.in.Rep.Email) {
		return nil
	}
	return refuse(ErrNotRep, "only the quote's rep (%s) %s it", w.in.Rep.Email, does)
}

// wrongStatus names the status that refuses the action.
func (w *quoteFlow) wrongStatus(action string) error {
	st := w.state
	switch st.Status {
	case models.QuoteChangeRequested:
		c, _ := st.pending()
		return refuse(ErrWrongStatus, "quote %s awaits the rep's answer to change request %d: %s is not possible until then", st.QuoteNumber, c.Seq, action)
	case models.QuoteRequested:
		return refuse(ErrWrongStatus, "quote %s is not issued yet: %s is not possible", st.QuoteNumber, action)
	}
	return refuse(ErrWrongStatus, "quote %s is %s: %s is not possible", st.QuoteNumber, st.Status, action)
}

// priceIssue prices an issue's lines in the quote's currency.
func (w *quoteFlow) priceIssue(is Issue) ([]models.PricedLine, models.Money, error) {
	items := make([]models.QuoteItem, 0, len(is.Lines))
	units := make([]models.Money, 0, len(is.Lines))
	discounts := make([]int, 0, len(is.Lines))
	for _, l := range is.Lines {
		items = append(items, l.QuoteItem)
		units = append(units, l.Unit)
		discounts = append(discounts, l.DiscountBP)
	}
	lines, total, err := models.PriceLines(w.in.Currency, items, units, discounts)
	if err != nil {
		return nil, models.Money{}, ruleRefusal(err)
	}
	return lines, total, nil
}

// checkValidity refuses a validity out of range or a valid-until not in
// the future.
func checkValidity(now time.Time, is Issue) error {
	if is.ValidityDays < 0 || is.ValidityDays > models.MaxValidityDays {
		return invalid("validity_days", fmt.Sprintf("must be from 1 to %d days", models.MaxValidityDays))
	}
	if !is.ValidUntil.IsZero() && !is.ValidUntil.After(now) {
		return invalid("valid_until", "must be in the future")
	}
	return nil
}

func (w *quoteFlow) validateIssue(ctx workflow.Context, is Issue) error {
	if err := w.checkRep(is.By, "issues"); err != nil {
		return err
	}
	if !w.state.Status.AwaitingRep() {
		return w.wrongStatus("issuing a version")
	}
	if _, _, err := w.priceIssue(is); err != nil {
		return err
	}
	return checkValidity(workflow.Now(ctx), is)
}

// issue records a new version: the first, or a revision answering the
// pending change request.
func (w *quoteFlow) issue(ctx workflow.Context, is Issue) (State, error) {
	return w.locked(ctx, "issue", func() error { return w.validateIssue(ctx, is) }, func() (State, error) {
		return w.issueLocked(ctx, is)
	})
}

// issueLocked records version n+1 of is; the caller holds the lock and
// has checked is.
func (w *quoteFlow) issueLocked(ctx workflow.Context, is Issue) (State, error) {
	lines, total, err := w.priceIssue(is)
	if err != nil {
		return w.view(), err
	}
	now := workflow.Now(ctx)
	validUntil := is.ValidUntil
	cur, revising := w.state.Current()
	switch {
	case !validUntil.IsZero():
	case is.ValidityDays == 0 && revising && w.in.Kind == models.QuoteRenewal:
		// A renewal quote's revision keeps the due date it expires on (F2)
		// unless the rep says otherwise.
		validUntil = cur.ValidUntil
	default:
		days := is.ValidityDays
		if days == 0 {
			days = models.DefaultValidityDays
		}
		validUntil = now.Add(time.Duration(days) * 24 * time.Hour)
	}
	by := is.By.Email
	if by == "" {
		by = SystemActor
	}
	next := w.next()
	v := Version{Number: len(next.Versions) + 1, Lines: lines, Total: total, ValidUntil: validUntil.UTC(),
		IssuedBy: by, IssuedAt: now, Note: strings.TrimSpace(is.Note)}
	var answered *Change
	if n := len(next.Changes); n > 0 && next.Changes[n-1].Status == models.ChangePending {
		c := &next.Changes[n-1]
		c.Status, c.AnsweredBy, c.AnsweredAt, c.RevisedVersion = models.ChangeRevised, by, now, v.Number
		v.ChangeRequest = c.Seq
		cc := *c
		answered = &cc
	}
	next.Versions = append(next.Versions, v)
	next.Version, next.ValidUntil, next.Reminded, next.Status = v.Number, v.ValidUntil, false, models.QuoteOpen
	if err := w.commit(ctx, next); err != nil {
		return w.notRecorded(ctx, "issue", err)
	}
	template := "quote_issued"
	if v.Number > 1 {
		template = "quote_revised"
	}
	if v.Number > 1 || !w.in.QuietFirstIssue {
		w.notify(ctx, versionStep(stepIssued, v.Number), template, AudienceCustomer, &v, answered, "")
	}
	return w.view(), nil
}

func (w *quoteFlow) validateDecline(d Decision) error {
	if err := w.checkRep(d.By, "declines"); err != nil {
		return err
	}
	if w.state.Status != models.QuoteRequested {
		return w.wrongStatus("declining the request")
	}
	if strings.TrimSpace(d.Reason) == "" {
		return invalid("reason", "a decline needs a reason")
	}
	return nil
}

// decline ends a request the rep will not price.
func (w *quoteFlow) decline(ctx workflow.Context, d Decision) (State, error) {
	return w.locked(ctx, "decline", func() error { return w.validateDecline(d) }, func() (State, error) {
		next := w.next()
		next.Status, next.ClosedBy, next.ClosedReason = models.QuoteDeclined, d.By.Email, strings.TrimSpace(d.Reason)
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "decline", err)
		}
		w.notify(ctx, stepDeclined, "quote_declined", AudienceCustomer, nil, nil, next.ClosedReason)
		return w.view(), nil
	})
}

func (w *quoteFlow) validateChange(cr ChangeRequest) error {
	if cr.By.ID == 0 || cr.By.Email == "" {
		return refuse(ErrInvalid, "a change request names who asks")
	}
	if w.state.Status != models.QuoteOpen {
		return w.wrongStatus("a change request")
	}
	if cr.OnVersion != 0 && cr.OnVersion != w.state.Version {
		return refuse(ErrStaleVersion, "quote %s is at version %d, not %d: look at the current version and ask again", w.state.QuoteNumber, w.state.Version, cr.OnVersion)
	}
	if strings.TrimSpace(cr.Note) == "" {
		return invalid("note", "say what you need and why")
	}
	cur, _ := w.state.Current()
	if _, err := models.ApplyChanges(models.Items(cur.Lines), cr.Changes); err != nil {
		return ruleRefusal(err)
	}
	return nil
}

// requestChange records a change request and tells the rep (E4).
func (w *quoteFlow) requestChange(ctx workflow.Context, cr ChangeRequest) (State, error) {
	return w.locked(ctx, "change request", func() error { return w.validateChange(cr) }, func() (State, error) {
		next := w.next()
		c := Change{Seq: len(next.Changes) + 1, OnVersion: next.Version, By: cr.By, Changes: cr.Changes,
			Note: strings.TrimSpace(cr.Note), At: workflow.Now(ctx), Status: models.ChangePending}
		next.Changes = append(next.Changes, c)
		next.Status = models.QuoteChangeRequested
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "change request", err)
		}
		cur, _ := w.state.Current()
		w.notify(ctx, changeStep(c.Seq, ""), "quote_change_requested", AudienceRep, &cur, &c, "")
		return w.view(), nil
	})
}

func (w *quoteFlow) validateDeclineChange(d Decision) error {
	if err := w.checkRep(d.By, "answers a change request of"); err != nil {
		return err
	}
	if w.state.Status != models.QuoteChangeRequested {
		return refuse(ErrWrongStatus, "quote %s has no change request awaiting an answer (it is %s)", w.state.QuoteNumber, w.state.Status)
	}
	if strings.TrimSpace(d.Reason) == "" {
		return invalid("reason", "declining a change needs a reason")
	}
	return nil
}

// declineChange answers the pending change request with no: the current
// version stands and the quote is open again.
func (w *quoteFlow) declineChange(ctx workflow.Context, d Decision) (State, error) {
	return w.locked(ctx, "change decline", func() error { return w.validateDeclineChange(d) }, func() (State, error) {
		next := w.next()
		c := &next.Changes[len(next.Changes)-1]
		c.Status, c.AnswerReason, c.AnsweredBy, c.AnsweredAt = models.ChangeDeclined, strings.TrimSpace(d.Reason), d.By.Email, workflow.Now(ctx)
		answered := *c
		next.Status = models.QuoteOpen
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "change decline", err)
		}
		cur, _ := w.state.Current()
		w.notify(ctx, changeStep(answered.Seq, "declined"), "quote_change_declined", AudienceCustomer, &cur, &answered, answered.AnswerReason)
		return w.view(), nil
	})
}

func (w *quoteFlow) validateCancel(c Cancellation) error {
	if c.By.ID == 0 || c.By.Email == "" {
		return refuse(ErrInvalid, "a cancellation names who cancels")
	}
	if w.state.Status.Final() {
		return w.wrongStatus("cancelling")
	}
	return nil
}

// cancel ends the quote at the customer's word and tells the rep.
func (w *quoteFlow) cancel(ctx workflow.Context, c Cancellation) (State, error) {
	return w.locked(ctx, "cancellation", func() error { return w.validateCancel(c) }, func() (State, error) {
		next := w.next()
		next.Status, next.ClosedBy, next.ClosedReason = models.QuoteCancelled, c.By.Email, strings.TrimSpace(c.Reason)
		closePending(&next, workflow.Now(ctx))
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "cancellation", err)
		}
		cur, _ := w.state.Current()
		w.notify(ctx, stepCancelled, "quote_cancelled", AudienceRep, &cur, nil, next.ClosedReason)
		return w.view(), nil
	})
}

func (w *quoteFlow) validateOrder(o Order) error {
	if strings.TrimSpace(o.OrderRef) == "" {
		return invalid("order_ref", "is required")
	}
	if w.state.Status != models.QuoteOpen {
		return w.wrongStatus("ordering it")
	}
	if o.Version != w.state.Version {
		return refuse(ErrStaleVersion, "quote %s is at version %d, not %d: the order must follow the current version's prices", w.state.QuoteNumber, w.state.Version, o.Version)
	}
	return nil
}

// order records that the order process ordered the current version.
func (w *quoteFlow) order(ctx workflow.Context, o Order) (State, error) {
	return w.locked(ctx, "order", func() error { return w.validateOrder(o) }, func() (State, error) {
		next := w.next()
		next.Status, next.OrderRef, next.ClosedBy = models.QuoteOrdered, strings.TrimSpace(o.OrderRef), o.By
		if err := w.commit(ctx, next); err != nil {
			return w.notRecorded(ctx, "order", err)
		}
		cur, _ := w.state.Current()
		w.notify(ctx, stepOrdered, "quote_ordered", AudienceRep, &cur, nil, "")
		return w.view(), nil
	})
}

// locked runs a handler's change once the first row is recorded, under
// the write lock, after checking its rule again.
func (w *quoteFlow) locked(ctx workflow.Context, what string, check func() error, change func() (State, error)) (State, error) {
	if err := workflow.Await(ctx, func() bool { return w.submitted || w.submitErr != nil }); err != nil {
		return w.view(), fmt.Errorf("await submission: %w", err)
	}
	if w.submitErr != nil {
		return w.view(), w.submitErr
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
func (w *quoteFlow) notRecorded(ctx workflow.Context, what string, err error) (State, error) {
	errType, _ := policy.Describe(err)
	if errType == "" {
		errType = "error"
	}
	workflow.GetLogger(ctx).Error("write refused; the quote is unchanged", "what", what, "type", errType, "error", err)
	return w.view(), temporal.NewNonRetryableApplicationError(
		fmt.Sprintf("the %s could not be recorded (%s): nothing changed", what, errType), ErrNotRecorded, err)
}
