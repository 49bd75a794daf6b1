package support

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/models"
)

// caseUpdateRecipients are the addresses a case update is emailed to (D1
// "receive updates"): the case's owner, its interested parties and the
// followers of the account's cases, each once, sorted, never the author;
// each only while they can still see the case at their effective level
// (models.CanSeeCase: the owner needs basic, anyone else full; the Site
// Technical Contact of any of the account's sites is administrator); each
// with the rule that chose them ("case update → owner of the case"). It
// reads through tx, so it sees the transaction's own writes.
func caseUpdateRecipients(ctx context.Context, tx *gorm.DB, sc models.SupportCase, authorID int64) ([]models.Recipient, error) {
	var candidates []struct {
		ID  int64
		Why string
	}
	err := tx.WithContext(ctx).Raw(`SELECT ? ::bigint AS id, 'owner of the case' AS why
		UNION SELECT user_id, 'interested party of the case' FROM support_case_parties WHERE case_id = ?
		UNION SELECT user_id, 'follows the account''s support cases' FROM support_case_followers WHERE customer_id = ?`,
		sc.OwnerID, sc.ID, sc.CustomerID).Scan(&candidates).Error
	if err != nil {
		return nil, fmt.Errorf("load case audience: %w", err)
	}
	visible := map[int64]bool{}
	why := map[int64][]string{}
	var ids []int64
	for _, c := range candidates {
		if c.ID == authorID {
			continue
		}
		ok, checked := visible[c.ID]
		if !checked {
			st, found, err := svc.AccountStandingByID(ctx, tx, c.ID, sc.CustomerID)
			if err != nil {
				return nil, fmt.Errorf("load standing of user %d: %w", c.ID, err)
			}
			ok = found && models.CanSeeCase(st.Level, c.ID == sc.OwnerID)
			visible[c.ID] = ok
			if ok {
				ids = append(ids, c.ID)
			}
		}
		if ok {
			why[c.ID] = append(why[c.ID], c.Why)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var users []models.User
	if err := tx.WithContext(ctx).Select("id", "email").Where("id IN ?", ids).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("load audience emails: %w", err)
	}
	out := make([]models.Recipient, 0, len(users))
	for _, u := range users {
		rules := why[u.ID]
		slices.Sort(rules) // the union's order is not the query's
		out = append(out, models.Recipient{Email: u.Email, Reason: "case update → " + models.JoinWords(rules, "and")})
	}
	slices.SortFunc(out, func(a, b models.Recipient) int { return strings.Compare(a.Email, b.Email) })
	return slices.CompactFunc(out, func(a, b models.Recipient) bool { return a.Email == b.Email }), nil
}

// queueCaseUpdate queues one email about update u of case r to every
// recipient (caseUpdateRecipients), in tx: the email exists if and only if
// the update does. Nobody to tell: nothing is queued. The outbox key names
// the case and the update, so the row is queued once.
func queueCaseUpdate(ctx context.Context, tx *gorm.DB, r caseRow, u models.SupportCaseUpdate) error {
	to, err := caseUpdateRecipients(ctx, tx, r.SupportCase, u.AuthorID)
	if err != nil {
		return err
	}
	if len(to) == 0 {
		return nil
	}
	var author models.User // the caller as authenticated carries no name
	if err := tx.WithContext(ctx).Select("id", "email", "name").Take(&author, u.AuthorID).Error; err != nil {
		return fmt.Errorf("load author of update %d: %w", u.ID, err)
	}
	msg, err := mail.RenderCaseUpdate(mail.CaseUpdateData{
		CustomerNumber: r.CustomerNumber, CaseID: r.ID, Title: r.Title,
		AuthorName: author.Name, AuthorEmail: author.Email, Body: u.Body,
	})
	if err != nil {
		return fmt.Errorf("render case update email: %w", err)
	}
	row := models.OutboxEmail{
		Key:     "case/" + strconv.FormatInt(r.ID, 10) + "/update/" + strconv.FormatInt(u.ID, 10),
		Notice:  mail.CaseUpdateNotice,
		Subject: msg.Subject, TextBody: msg.Text, HTMLBody: msg.HTML,
	}
	if err := row.SetRecipients(to); err != nil {
		return err
	}
	// next_attempt_at and created_at take the database's now().
	err = tx.WithContext(ctx).Omit("NextAttemptAt", "CreatedAt").
		Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("queue case update email %s: %w", row.Key, err)
	}
	return nil
}
