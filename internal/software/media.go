package software

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// MediaInput is a request for physical media: the product (any of its
// parts: the S&S renewal part the downloads list shows, or its licence
// part), the version and platform, and a note for whoever ships it.
type MediaInput struct {
	PartNumber string
	Version    string
	Platform   models.Platform
	Note       string
}

// ShipTo is where media goes: an address and where it came from.
type ShipTo struct {
	models.Address
	// Source says where the address came from: the shipping address of the
	// site's latest paid order, or the site's record (its name and country
	// only; IBM confirms the street address with the contact).
	Source string `json:"source"`
}

// MediaRequest is a media request as the site sees it, with whom it was
// emailed to and why.
type MediaRequest struct {
	ID            int64              `json:"id"`
	PartNumber    string             `json:"part_number"`
	Product       string             `json:"product"`
	Version       string             `json:"version"`
	Platform      models.Platform    `json:"platform"`
	PlatformTitle string             `json:"platform_title"`
	FileName      string             `json:"file_name"`
	Note          string             `json:"note"`
	ShipTo        ShipTo             `json:"ship_to"`
	RequestedBy   string             `json:"requested_by"`
	RequestedAt   time.Time          `json:"requested_at"`
	Notified      []models.Recipient `json:"notified"`
}

// MediaNotice is the outbox notice of a media request (the A6 kind it is
// routed as).
const MediaNotice = string(models.NoticeMediaShipment)

// outboxKey is the outbox key of request id's email: queued once.
func outboxKey(id int64) string { return "media-request/" + strconv.FormatInt(id, 10) }

// RequestMedia records a request by requester (acting as actor) for
// physical media of a package of site on now, in one transaction with
// its email to the site's S&S media delivery contact (A6: routed as a
// media shipment, falling back to the Primary) in the outbox and its
// audit row. ErrNotEntitled when the site holds no coverage of the
// product; a *FieldError naming version or platform when the product has
// no such package the site may have (with the ones it may).
func RequestMedia(ctx context.Context, db *gorm.DB, actor accounts.Actor, requester models.User, site models.Site,
	in MediaInput, now time.Time) (MediaRequest, error) {
	var out MediaRequest
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := mediaPackage(ctx, tx, site.ID, in, now)
		if err != nil {
			return err
		}
		to, err := mediaRecipients(tx, site.ID)
		if err != nil {
			return err
		}
		ship, err := shipTo(tx, site, to[0].Email)
		if err != nil {
			return err
		}
		shipJSON, err := json.Marshal(ship)
		if err != nil {
			return fmt.Errorf("ship-to address: %w", err)
		}
		row := models.MediaRequest{SiteID: site.ID, PackageID: d.ID, RequestedBy: requester.ID, Note: in.Note,
			ShipTo: models.JSON(shipJSON), CreatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("record media request: %w", err)
		}
		out = MediaRequest{ID: row.ID, PartNumber: d.PartNumber, Product: d.Product, Version: d.Version,
			Platform: d.Platform, PlatformTitle: d.PlatformTitle, FileName: d.FileName, Note: in.Note, ShipTo: ship,
			RequestedBy: requester.Email, RequestedAt: now, Notified: to}
		if err := queueMediaEmail(tx, site, requester, out); err != nil {
			return err
		}
		siteID, customerID := site.ID, site.CustomerID
		return accounts.Audit(tx, actor, "software.media_request", &siteID, &customerID, "media_request",
			strconv.FormatInt(row.ID, 10), nil, map[string]any{
				"package_id": d.ID, "part_number": d.PartNumber, "version": d.Version, "platform": d.Platform,
				"note": in.Note, "ship_to": ship, "notified": to,
			})
	})
	if err != nil {
		return MediaRequest{}, err
	}
	return out, nil
}

// mediaPackage is the package in asks for, among those the site may have.
func mediaPackage(ctx context.Context, tx *gorm.DB, siteID int64, in MediaInput, now time.Time) (Download, error) {
	productID, ok, err := CoverageProduct(ctx, tx, in.PartNumber)
	if err != nil {
		return Download{}, err
	}
	if !ok {
		return Download{}, ErrNotEntitled
	}
	ds, _, err := Downloads(ctx, tx, siteID, Filter{ProductID: productID}, nil, maxPackagesPerProduct, now)
	if err != nil {
		return Download{}, err
	}
	if len(ds) == 0 {
		return Download{}, ErrNotEntitled
	}
	var versions, platforms []string
	for _, d := range ds {
		if !slices.Contains(versions, d.Version) {
			versions = append(versions, d.Version)
		}
		if d.Version != in.Version {
			continue
		}
		if d.Platform == in.Platform {
			return d, nil
		}
		platforms = append(platforms, string(d.Platform))
	}
	if len(platforms) == 0 {
		return Download{}, &FieldError{Field: "version", Detail: fmt.Sprintf("%s has no version %q for this site; it has %s",
			ds[0].Product, in.Version, strings.Join(versions, ", "))}
	}
	return Download{}, &FieldError{Field: "platform", Detail: fmt.Sprintf("version %s of %s comes for %s",
		in.Version, ds[0].Product, strings.Join(platforms, ", "))}
}

// maxPackagesPerProduct bounds the packages of one product read to match
// a media request.
const maxPackagesPerProduct = 1000

// mediaRecipients are the site's media delivery contact (A6), or the
// Primary when the role is not filled, with the rule that chose them.
func mediaRecipients(tx *gorm.DB, siteID int64) ([]models.Recipient, error) {
	var contacts []models.Contact
	if err := tx.Raw(`SELECT c.role, u.email FROM site_contacts c JOIN users u ON u.id = c.user_id WHERE c.site_id = ?`,
		siteID).Scan(&contacts).Error; err != nil {
		return nil, fmt.Errorf("contacts of site id %d: %w", siteID, err)
	}
	to, err := models.RouteNoticeWhy(models.NoticeMediaShipment, contacts, "")
	if err != nil {
		return nil, fmt.Errorf("route media shipment of site id %d: %w", siteID, err)
	}
	return to, nil
}

// shipTo is where the site's media goes, to the attention of contact
// (an email): the shipping address of the site's latest paid order, or
// the site's name and country.
func shipTo(tx *gorm.DB, site models.Site, contact string) (ShipTo, error) {
	var person models.User
	if err := tx.Select("name", "email", "phone").Where("email = ?", contact).Take(&person).Error; err != nil {
		return ShipTo{}, fmt.Errorf("media contact of site %s: %w", site.SiteNumber, err)
	}
	var last struct {
		Reference string
		Shipping  models.JSON
	}
	err := tx.Raw(`SELECT reference, shipping FROM orders WHERE site_id = ? AND status IN ?
		ORDER BY created_at DESC, id DESC LIMIT 1`, site.ID,
		[]models.OrderStatus{models.OrderPaid, models.OrderFulfilled, models.OrderCompleted}).Take(&last).Error
	var s ShipTo
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		s = ShipTo{Address: models.Address{Company: site.Name, Country: site.Country},
			Source: "the site's record (no paid order has given a shipping address yet): IBM confirms the street address with the contact"}
	case err != nil:
		return ShipTo{}, fmt.Errorf("latest order of site %s: %w", site.SiteNumber, err)
	default:
		if err := json.Unmarshal(last.Shipping, &s.Address); err != nil {
			return ShipTo{}, fmt.Errorf("shipping address of order %s: %w", last.Reference, err)
		}
		s.Source = "the shipping address of order " + last.Reference
	}
	s.Name, s.Email, s.Phone = person.Name, person.Email, person.Phone
	if s.Name == "" {
		s.Name = person.Email
	}
	return s, nil
}

// MediaCursor is where a page of media requests ends (newest first).
type MediaCursor struct{ ID int64 }

// MediaRequests lists site siteID's media requests newest first, limit at
// a time before the cursor (nil: the newest); next is set while more
// follow.
func MediaRequests(ctx context.Context, db *gorm.DB, siteID int64, before *MediaCursor, limit int) (out []MediaRequest, next *MediaCursor, err error) {
	var rows []struct {
		ID          int64
		PartNumber  string
		Description string
		Version     string
		Platform    string
		FileName    string
		Note        string
		ShipTo      models.JSON
		Email       string
		CreatedAt   time.Time
		Recipients  models.JSON
	}
	q := db.WithContext(ctx).Table("media_requests m").
		Select(`m.id, p.part_number, p.description, k.version, k.platform, k.file_name, m.note, m.ship_to, u.email,
			m.created_at, o.recipient_reasons AS recipients`).
		Joins("JOIN packages k ON k.id = m.package_id").Joins("JOIN products p ON p.id = k.product_id").
		Joins("JOIN users u ON u.id = m.requested_by").
		Joins("LEFT JOIN outbox o ON o.key = 'media-request/' || m.id").
		Where("m.site_id = ?", siteID)
	if before != nil {
		q = q.Where("m.id < ?", before.ID)
	}
	if err := q.Order("m.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("media requests of site id %d: %w", siteID, err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		next = &MediaCursor{ID: rows[limit-1].ID}
	}
	out = make([]MediaRequest, 0, len(rows))
	for _, r := range rows {
		p := models.Platform(r.Platform)
		m := MediaRequest{ID: r.ID, PartNumber: r.PartNumber, Product: models.CoverageStem(r.Description), Version: r.Version,
			Platform: p, PlatformTitle: p.Title(), FileName: r.FileName, Note: r.Note, RequestedBy: r.Email,
			RequestedAt: r.CreatedAt, Notified: []models.Recipient{}}
		if err := json.Unmarshal(r.ShipTo, &m.ShipTo); err != nil {
			return nil, nil, fmt.Errorf("ship-to of media request %d: %w", r.ID, err)
		}
		if len(r.Recipients) > 0 {
			if err := json.Unmarshal(r.Recipients, &m.Notified); err != nil {
				return nil, nil, fmt.Errorf("recipients of media request %d: %w", r.ID, err)
			}
		}
		out = append(out, m)
	}
	return out, next, nil
}

// queueMediaEmail queues request m's email in tx under its outbox key.
func queueMediaEmail(tx *gorm.DB, site models.Site, requester models.User, m MediaRequest) error {
	msg, err := renderMedia(mediaData{MediaRequest: m, SiteNumber: site.SiteNumber, SiteName: site.Name,
		RequesterName: requester.Name})
	if err != nil {
		return err
	}
	row := models.OutboxEmail{Key: outboxKey(m.ID), Notice: MediaNotice, SiteID: &site.ID,
		Subject: msg.Subject, TextBody: msg.Text, HTMLBody: msg.HTML}
	if err := row.SetRecipients(m.Notified); err != nil {
		return fmt.Errorf("media request email: %w", err)
	}
	// next_attempt_at and created_at take the database's now().
	if err := tx.Omit("NextAttemptAt", "CreatedAt").
		Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("queue media request email %s: %w", row.Key, err)
	}
	return nil
}
