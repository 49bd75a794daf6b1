package api_test

import (
	"testing"
	"time"

	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The renewal fixtures of the API tests (issue 11). The API tests need no
// renewal process: a renewal is made the way its workflow would leave it
// in the read model — the renewals row and, once quoted, its renewal
// quote (kind renewal, the customer's renewal rep as its rep) with
// version 1 priced from the site's coverage lines. No workflow runs for
// them, so an action passes authorization and validation and meets no
// running process (409).

// renewalSpec describes a fixture renewal.
type renewalSpec struct {
	site    string
	due     time.Time
	status  models.RenewalStatus
	quote   models.QuoteStatus // "": not issued yet
	channel models.RenewalChannel
	partner string
	// verifiedBy, when set, verified the contacts.
	verifiedBy string
	reminders  []string
}

// renewalFx is a fixture renewal as the tests name it.
type renewalFx struct {
	reference   string // <site>-<YYYY-MM-DD>
	quoteNumber string // "" before the quote
	key         string // the quote number, else the reference
	total       int64  // the quote's total (minor units)
	currency    string
	lines       int
}

// day is a calendar date at midnight UTC.
func renewalDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// renewalFixture inserts the renewal s describes; each line of the
// site's coverage is priced 100.00 × its line number per unit in the
// site's currency.
func renewalFixture(t *testing.T, db *gorm.DB, s renewalSpec) renewalFx {
	t.Helper()
	var site struct {
		ID           int64
		CustomerID   int64
		Currency     string
		RenewalRepID *int64
	}
	res := db.Raw(`SELECT s.id, s.customer_id, s.currency, c.renewal_rep_id FROM sites s JOIN customers c ON c.id = s.customer_id
		WHERE s.site_number = ?`, s.site).Scan(&site)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("renewal fixture: site %s: %v (%d rows)", s.site, res.Error, res.RowsAffected)
	}
	if site.RenewalRepID == nil {
		t.Fatalf("renewal fixture: customer of %s has no renewal rep", s.site)
	}
	if s.channel == "" {
		s.channel = models.ChannelOnline
	}
	fx := renewalFx{reference: renewals.Reference(s.site, s.due), currency: site.Currency}
	err := db.Transaction(func(tx *gorm.DB) error {
		if s.quote != "" {
			var cov []struct {
				ProductID   int64
				PartNumber  string
				Description string
				Quantity    int64
			}
			if err := tx.Raw(`SELECT p.id AS product_id, p.part_number, p.description, v.quantity FROM coverages v
				JOIN products p ON p.id = v.product_id WHERE v.site_id = ? ORDER BY p.part_number`, site.ID).Scan(&cov).Error; err != nil {
				return err
			}
			if len(cov) == 0 {
				t.Fatalf("renewal fixture: site %s has no coverage", s.site)
			}
			if err := tx.Raw(`SELECT 'RQ-' || ? || '-' || lpad(nextval('quote_number_seq')::text, 6, '0')`,
				s.due.Format("2006")).Scan(&fx.quoteNumber).Error; err != nil {
				return err
			}
			for i, l := range cov {
				fx.total += int64(i+1) * 10000 * l.Quantity
			}
			var quoteID int64
			if err := tx.Raw(`INSERT INTO quotes (quote_number, kind, site_id, customer_id, rep_id, status, current_version,
				valid_until, workflow_id) VALUES (?, 'renewal', ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
				fx.quoteNumber, site.ID, site.CustomerID, *site.RenewalRepID, string(s.quote), s.due, "quote/"+fx.quoteNumber).
				Scan(&quoteID).Error; err != nil {
				return err
			}
			if err := tx.Exec(`INSERT INTO quote_versions (quote_id, version, currency, total_minor, valid_until, issued_by, issued_at)
				VALUES (?, 1, ?, ?, ?, 'system', now())`, quoteID, site.Currency, fx.total, s.due).Error; err != nil {
				return err
			}
			for i, l := range cov {
				unit := int64(i+1) * 10000
				if err := tx.Exec(`INSERT INTO quote_lines (quote_id, version, line_no, product_id, part_number, description, quantity,
					unit_minor, currency, discount_bp, line_total_minor) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
					quoteID, i+1, l.ProductID, l.PartNumber, l.Description, l.Quantity, unit, site.Currency, unit*l.Quantity).Error; err != nil {
					return err
				}
			}
			fx.lines = len(cov)
		}
		var verifiedAt *time.Time
		if s.verifiedBy != "" {
			now := time.Now().UTC()
			verifiedAt = &now
		}
		reminders := pq.StringArray(s.reminders)
		if reminders == nil {
			reminders = pq.StringArray{}
		}
		return tx.Exec(`INSERT INTO renewals (site_id, customer_id, due_date, status, channel, channel_partner, quote_number,
			contacts_verified_at, contacts_verified_by, reminders_sent, workflow_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			site.ID, site.CustomerID, s.due.Format(renewal.DateLayout), string(s.status), string(s.channel), s.partner,
			fx.quoteNumber, verifiedAt, s.verifiedBy, reminders, renewal.WorkflowID(s.site, s.due)).Error
	})
	if err != nil {
		t.Fatalf("renewal fixture of %s due %s: %v", s.site, s.due.Format(renewal.DateLayout), err)
	}
	fx.key = fx.reference
	if fx.quoteNumber != "" {
		fx.key = fx.quoteNumber
	}
	return fx
}

// renewalSummary is the part of a list entry the tests read.
type renewalSummary struct {
	Reference        string   `json:"reference"`
	QuoteNumber      string   `json:"quote_number"`
	SiteNumber       string   `json:"site_number"`
	DueDate          string   `json:"due_date"`
	Status           string   `json:"status"`
	QuoteStatus      string   `json:"quote_status"`
	ContactsVerified bool     `json:"contacts_verified"`
	Actions          []string `json:"actions"`
	Total            *struct {
		Minor    int64  `json:"amount_minor"`
		Currency string `json:"currency"`
	} `json:"total"`
	Links map[string]string `json:"links"`
}

// renewalScreen is the part of the quote screen the tests read.
type renewalScreen struct {
	Reference   string `json:"reference"`
	QuoteNumber string `json:"quote_number"`
	Renewal     struct {
		Status       string `json:"status"`
		Channel      string `json:"channel"`
		Partner      string `json:"partner"`
		DueDate      string `json:"due_date"`
		Verification struct {
			Verified bool   `json:"verified"`
			By       string `json:"by"`
		} `json:"verification"`
		RemindersSent []string `json:"reminders_sent"`
		WorkflowID    string   `json:"workflow_id"`
	} `json:"renewal"`
	Quote *struct {
		QuoteNumber    string `json:"quote_number"`
		Status         string `json:"status"`
		CurrentVersion int    `json:"current_version"`
		Total          struct {
			Minor    int64  `json:"amount_minor"`
			Currency string `json:"currency"`
		} `json:"total"`
		Lines []struct {
			PartNumber string `json:"part_number"`
			Quantity   int64  `json:"quantity"`
			UnitPrice  struct {
				Minor int64 `json:"amount_minor"`
			} `json:"unit_price"`
			LineTotal struct {
				Minor int64 `json:"amount_minor"`
			} `json:"line_total"`
		} `json:"lines"`
	} `json:"quote"`
	Account struct {
		CustomerNumber  string `json:"customer_number"`
		CustomerName    string `json:"customer_name"`
		AgreementNumber string `json:"agreement_number"`
		SiteNumber      string `json:"site_number"`
		RenewalDueDate  string `json:"renewal_due_date"`
	} `json:"account"`
	SalesRep *struct {
		Name  string `json:"name"`
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"sales_rep"`
	Actions []string          `json:"actions"`
	Links   map[string]string `json:"links"`
}
