package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// mediaView is a media request as the API shows it.
type mediaView struct {
	ID          int64  `json:"id"`
	PartNumber  string `json:"part_number"`
	Product     string `json:"product"`
	Version     string `json:"version"`
	Platform    string `json:"platform"`
	FileName    string `json:"file_name"`
	Note        string `json:"note"`
	RequestedBy string `json:"requested_by"`
	ShipTo      struct {
		Name, Company, Country, Email, Source string
	} `json:"ship_to"`
	Notified []models.Recipient `json:"notified"`
}

// TestSoftwareMediaRequestsEmailTheMediaDeliveryContact: a request for
// physical media (by the product's licence part here) is recorded, its
// email queued in the outbox to the site's S&S media delivery contact
// with the A6 reason, and audited, all at once; the site's list shows it
// newest first with whom it was emailed to. A site without a media
// delivery contact emails its Primary, saying so.
func TestSoftwareMediaRequestsEmailTheMediaDeliveryContact(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	body := map[string]any{"part_number": "D0R4ZLL", "version": "12.1.0", "platform": "linux-s390x",
		"note": "Two sets please:\nthe DR site has no network."}
	r, e := changes(t, a, "POST", acmeSite+"/media-requests", carol, body, http.StatusCreated)
	var m mediaView
	swDecode(t, r.Body, &m)
	if m.PartNumber != "E0R50LL" || m.Version != "12.1.0" || m.Platform != "linux-s390x" || m.FileName != "db2-aese-12.1.0-linux-s390x.tar.gz" ||
		m.Note != body["note"] || m.RequestedBy != carol || m.ShipTo.Email != carol || m.ShipTo.Company != "Acme Corporation - Austin HQ" ||
		m.ShipTo.Country != "US" || m.ShipTo.Source == "" {
		t.Errorf("media request %+v", m)
	}
	if len(m.Notified) != 1 || m.Notified[0].Email != carol || m.Notified[0].Reason != "media shipment → S&S media delivery contact" {
		t.Errorf("notified %+v, want carol as the media delivery contact", m.Notified)
	}
	if e.Action != "software.media_request" || e.ObjectID != strconv.FormatInt(m.ID, 10) || e.SiteID == nil {
		t.Errorf("audit row %+v", e)
	}

	var mail models.OutboxEmail
	if err := a.Runtime.DB.Where("key = ?", "media-request/"+strconv.FormatInt(m.ID, 10)).Take(&mail).Error; err != nil {
		t.Fatalf("no email queued: %v", err)
	}
	if mail.Notice != "media_shipment" || mail.SiteID == nil || len(mail.Recipients) != 1 || mail.Recipients[0] != carol ||
		!strings.Contains(mail.Subject, "300001") || !strings.Contains(mail.TextBody, "linux-s390x") && !strings.Contains(mail.TextBody, "Linux on IBM Z") ||
		!strings.Contains(mail.TextBody, "the DR site has no network") || !strings.Contains(mail.HTMLBody, "Acme Corporation - Austin HQ") {
		t.Errorf("email %q to %v:\n%s", mail.Subject, mail.Recipients, mail.TextBody)
	}

	// A second request lists first.
	r2, _ := changes(t, a, "POST", acmeSite+"/media-requests", bob,
		map[string]any{"part_number": "E0VJ6LL", "version": "7.5.0-UP12", "platform": "linux-x86_64"}, http.StatusCreated)
	var m2 mediaView
	swDecode(t, r2.Body, &m2)
	lr := a.Do("GET", acmeSite+"/media-requests", tokenFor(a, carol), nil)
	var list struct {
		MediaRequests []mediaView `json:"media_requests"`
	}
	if lr.Status != http.StatusOK {
		t.Fatalf("list = %d %s", lr.Status, lr.Body)
	}
	swDecode(t, lr.Body, &list)
	if len(list.MediaRequests) != 2 || list.MediaRequests[0].ID != m2.ID || list.MediaRequests[1].ID != m.ID ||
		len(list.MediaRequests[1].Notified) != 1 || list.MediaRequests[1].Notified[0].Email != carol {
		t.Errorf("list %+v", list.MediaRequests)
	}

	// 300002 has no media delivery contact: its Primary (heidi) is emailed.
	r3, _ := changes(t, a, "POST", "/v1/sites/300002/media-requests", carol,
		map[string]any{"part_number": "E0MQ2LL", "version": "9.4.2", "platform": "windows-x64"}, http.StatusCreated)
	var m3 mediaView
	swDecode(t, r3.Body, &m3)
	if len(m3.Notified) != 1 || m3.Notified[0].Email != heidi || !strings.Contains(m3.Notified[0].Reason, "fell back to the Primary Contact") ||
		m3.ShipTo.Email != heidi {
		t.Errorf("300002's request notified %+v, shipped to the attention of %s", m3.Notified, m3.ShipTo.Email)
	}
}
