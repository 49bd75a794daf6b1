package support

import (
	"context"
	"fmt"
	"slices"
	"strconv"

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
// Technical Contact of any of the account's sites is administrator). It
// reads through tx, so it sees the transaction's own writes.
func caseUpdateRecipients(ctx context.Context, tx *gorm.DB, sc models.SupportCase, authorID int64) ([]string, error) {
	var candidates []int64
	err := tx.WithContext(ctx).Raw(`SELECT ? ::bigint
		UNION SELECT user_id FROM support_case_parties WHERE case_id = ?
		UNION SELECT user_id FROM support_case_followers WHERE customer_id = ?`,
		sc.OwnerID, sc.ID, sc.CustomerID).Scan(&candidates).Error
	if err != nil {
		return nil, fmt.Errorf("load case audience: %w", err)
	}
	var ids []int64
	for _, id := range candidates {
		if id == authorID {
			continue
		}
		st, found, err := svc.AccountStandingByID(ctx, tx, id, sc.CustomerID)
		if err != nil {
			return nil, fmt.Errorf("load standing of user %d: %w", id, err)
		}
		if found && models.CanSeeCase(st.Level, id == sc.OwnerID) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var emails []string
	if err := tx.WithContext(ctx).Model(&models.User{}).Where("id IN ?", ids).Distinct().Pluck("email", &emails).Error; err != nil {
		return nil, fmt.Errorf("load audience emails: %w", err)
	}
	slices.Sort(emails)
	return slices.Compact(emails), nil
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
		Key:        "case/" + strconv.FormatInt(r.ID, 10) + "/update/" + strconv.FormatInt(u.ID, 10),
		Notice:     mail.CaseUpdateNotice,
		Recipients: to,
		Subject:    msg.Subject, TextBody: msg.Text, HTMLBody: msg.HTML,
	}
	// next_attempt_at and created_at take the database's now().
	err = tx.WithContext(ctx).Omit("NextAttemptAt", "CreatedAt").
		Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("queue case update email %s: %w", row.Key, err)
	}
	return nil
}
