package entitlements

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// DeploymentInput is a new deployment record.
type DeploymentInput struct {
	Name        string
	Environment models.DeploymentEnvironment
	Quantity    int64
	Note        string
}

// DeploymentPatch changes the fields that are set.
type DeploymentPatch struct {
	Name        *string
	Environment *models.DeploymentEnvironment
	Quantity    *int64
	Note        *string
}

// Change is a deployment after a change and its entitlement's usage.
type Change struct {
	Deployment Deployment
	Usage      models.Usage
}

// deploymentSQL shows deployment records with their part number and
// creator.
const deploymentSQL = `SELECT x.id, x.site_id, x.coverage_id, p.part_number, x.name, x.environment, x.quantity, x.note,
	u.email AS created_by, x.created_at, x.updated_at
	FROM deployments x JOIN coverages c ON c.id = x.coverage_id JOIN products p ON p.id = c.product_id
	JOIN users u ON u.id = x.created_by`

// Deployments lists the deployment records of the site's entitlement of
// part number part, oldest first, with the entitlement; ErrNotFound when
// the site has no such entitlement.
func (s *Service) Deployments(ctx context.Context, siteID int64, part string) (Entitlement, []Deployment, error) {
	e, err := s.Get(ctx, siteID, part)
	if err != nil {
		return Entitlement{}, nil, err
	}
	out := []Deployment{}
	if err := s.DB.WithContext(ctx).Raw(deploymentSQL+` WHERE x.site_id = ? AND x.coverage_id = ? ORDER BY x.id`,
		siteID, e.CoverageID).Scan(&out).Error; err != nil {
		return Entitlement{}, nil, fmt.Errorf("deployments of %s: %w", part, err)
	}
	return e, out, nil
}

// Deployment loads one deployment record, whichever its site (the API
// checks the caller's standing on d.SiteID); ErrNotFound when none has
// that id.
func (s *Service) Deployment(ctx context.Context, id int64) (Deployment, error) {
	return loadDeployment(s.DB.WithContext(ctx), 0, id)
}

func loadDeployment(tx *gorm.DB, siteID, id int64) (Deployment, error) {
	var ds []Deployment
	if err := tx.Raw(deploymentSQL+` WHERE x.id = ? AND (? = 0 OR x.site_id = ?)`, id, siteID, siteID).Scan(&ds).Error; err != nil {
		return Deployment{}, fmt.Errorf("deployment %d: %w", id, err)
	}
	if len(ds) == 0 {
		return Deployment{}, ErrNotFound
	}
	return ds[0], nil
}

// coverageHead is the locked coverage a deployment change is about.
type coverageHead struct {
	ID         int64
	SiteID     int64
	CustomerID int64
	PartNumber string
	Quantity   int64
}

// lockCoverage locks the site's coverage that cond (on c, the coverage,
// and p, its product) picks: changes to one entitlement's deployments are
// serialised, so the usage they report and the name check are exact.
func lockCoverage(tx *gorm.DB, siteID int64, cond string, arg any) (coverageHead, error) {
	var h []coverageHead
	if err := tx.Raw(`SELECT c.id, c.site_id, s.customer_id, p.part_number, c.quantity
		FROM coverages c JOIN products p ON p.id = c.product_id JOIN sites s ON s.id = c.site_id
		WHERE c.site_id = ? AND `+cond+` FOR UPDATE OF c`, siteID, arg).Scan(&h).Error; err != nil {
		return coverageHead{}, fmt.Errorf("lock entitlement: %w", err)
	}
	if len(h) == 0 {
		return coverageHead{}, ErrNotFound
	}
	return h[0], nil
}

func usageOf(tx *gorm.DB, h coverageHead) (models.Usage, error) {
	u := models.Usage{Owned: h.Quantity}
	if err := tx.Raw(`SELECT COALESCE(sum(quantity), 0) FROM deployments WHERE coverage_id = ?`, h.ID).Scan(&u.Deployed).Error; err != nil {
		return u, fmt.Errorf("deployed quantity: %w", err)
	}
	return u, nil
}

// nameTaken refuses a name another record of the entitlement has (any
// case).
func nameTaken(tx *gorm.DB, h coverageHead, name string, except int64) error {
	var n int64
	if err := tx.Raw(`SELECT count(*) FROM deployments WHERE coverage_id = ? AND lower(name) = lower(?) AND id <> ?`,
		h.ID, name, except).Scan(&n).Error; err != nil {
		return fmt.Errorf("check deployment name: %w", err)
	}
	if n > 0 {
		return duplicate(h.PartNumber, name)
	}
	return nil
}

func duplicate(part, name string) error {
	return &accounts.RuleError{Kind: accounts.Conflict, Rule: "B4",
		Detail: fmt.Sprintf("%s already has a deployment named %q: names are unique per entitlement (any case)", part, name)}
}

// uniqueViolation maps the name index refusing a concurrent duplicate.
func uniqueViolation(err error, part, name string) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		return duplicate(part, name)
	}
	return err
}

// auditedState is a deployment as the audit log records it.
type auditedState struct {
	PartNumber   string                       `json:"part_number"`
	Name         string                       `json:"name"`
	Environment  models.DeploymentEnvironment `json:"environment"`
	Quantity     int64                        `json:"quantity"`
	Note         string                       `json:"note"`
	Deployed     *int64                       `json:"deployed,omitempty"`
	Owned        *int64                       `json:"owned,omitempty"`
	OverDeployed *bool                        `json:"over_deployed,omitempty"`
}

func stateOf(part string, d models.Deployment, u *models.Usage) auditedState {
	s := auditedState{PartNumber: part, Name: d.Name, Environment: d.Environment, Quantity: d.Quantity, Note: d.Note}
	if u != nil {
		owned, deployed, over := u.Owned, u.Deployed, u.OverDeployed()
		s.Owned, s.Deployed, s.OverDeployed = &owned, &deployed, &over
	}
	return s
}

func audit(tx *gorm.DB, by Editor, action string, h coverageHead, id int64, before, after any) error {
	site, customer := h.SiteID, h.CustomerID
	return accounts.Audit(tx, by.actor(), action, &site, &customer, "deployment", fmt.Sprint(id), before, after)
}

// checkName trims a name and checks it: 1–200 characters on one line.
func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", bad("name", "is required")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, breaksLine):
		return "", bad("name", "must be one line of text")
	case utf8.RuneCountInString(name) > models.MaxDeploymentName:
		return "", bad("name", "must be at most %d characters", models.MaxDeploymentName)
	}
	return name, nil
}

func breaksLine(r rune) bool { return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp) }

func checkEnvironment(e models.DeploymentEnvironment) error {
	if !e.Valid() {
		return bad("environment", "must be one of %v", models.DeploymentEnvironments)
	}
	return nil
}

func checkQuantity(q int64) error {
	if q < 1 || q > models.MaxDeploymentQuantity {
		return bad("quantity", "must be a whole number from 1 to %d", models.MaxDeploymentQuantity)
	}
	return nil
}

func checkNote(note string) error {
	switch {
	case !utf8.ValidString(note) || strings.ContainsFunc(note, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
	}):
		return bad("note", "must be text without control characters")
	case utf8.RuneCountInString(note) > models.MaxDeploymentNote:
		return bad("note", "must be at most %d characters", models.MaxDeploymentNote)
	}
	return nil
}

// checkInput validates a whole record, trimming its name.
func checkInput(in DeploymentInput) (DeploymentInput, error) {
	name, err := checkName(in.Name)
	if err != nil {
		return in, err
	}
	in.Name = name
	for _, err := range []error{checkEnvironment(in.Environment), checkQuantity(in.Quantity), checkNote(in.Note)} {
		if err != nil {
			return in, err
		}
	}
	return in, nil
}

// AddDeployment records a deployment of the site's entitlement of part
// number part. More licences deployed than owned is recorded and flagged
// in the answer's usage, not refused. ErrNotFound when the site has no
// such entitlement; a *FieldError for bad input; a conflict (409) when the
// entitlement already has a deployment of that name.
func (s *Service) AddDeployment(ctx context.Context, by Editor, siteID int64, part string, in DeploymentInput) (Change, error) {
	in, err := checkInput(in)
	if err != nil {
		return Change{}, err
	}
	var out Change
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		h, err := lockCoverage(tx, siteID, "p.part_number = ?", part)
		if err != nil {
			return err
		}
		if err := nameTaken(tx, h, in.Name, 0); err != nil {
			return err
		}
		now := s.now()
		d := models.Deployment{SiteID: h.SiteID, CoverageID: h.ID, Name: in.Name, Environment: in.Environment,
			Quantity: in.Quantity, Note: in.Note, CreatedBy: by.UserID, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&d).Error; err != nil {
			return uniqueViolation(fmt.Errorf("record deployment: %w", err), h.PartNumber, in.Name)
		}
		return s.finish(tx, by, "deployment.create", h, d, nil, &out)
	})
	return out, err
}

// finish audits a change of d (before is nil for a new record) and loads
// what it answers.
func (s *Service) finish(tx *gorm.DB, by Editor, action string, h coverageHead, d models.Deployment, before any, out *Change) error {
	u, err := usageOf(tx, h)
	if err != nil {
		return err
	}
	if err := audit(tx, by, action, h, d.ID, before, stateOf(h.PartNumber, d, &u)); err != nil {
		return err
	}
	v, err := loadDeployment(tx, h.SiteID, d.ID)
	if err != nil {
		return err
	}
	*out = Change{Deployment: v, Usage: u}
	return nil
}

// lockDeployment loads the site's deployment id and locks its entitlement
// and it.
func lockDeployment(tx *gorm.DB, siteID, id int64) (coverageHead, models.Deployment, error) {
	var d models.Deployment
	if err := tx.Where("id = ? AND site_id = ?", id, siteID).Limit(1).Find(&d).Error; err != nil {
		return coverageHead{}, d, fmt.Errorf("deployment %d: %w", id, err)
	}
	if d.ID == 0 {
		return coverageHead{}, d, ErrNotFound
	}
	h, err := lockCoverage(tx, siteID, "c.id = ?", d.CoverageID)
	if err != nil {
		return h, d, err
	}
	// Read again under the lock: a concurrent change may have come first.
	if err := tx.Where("id = ?", id).Limit(1).Find(&d).Error; err != nil {
		return h, d, fmt.Errorf("deployment %d: %w", id, err)
	}
	if d.ID == 0 {
		return h, d, ErrNotFound
	}
	return h, d, nil
}

// UpdateDeployment changes the fields of the site's deployment id that p
// sets; a patch that changes nothing answers the record as it is, without
// an audit row. Errors as AddDeployment's; ErrNotFound when the site has
// no such deployment.
func (s *Service) UpdateDeployment(ctx context.Context, by Editor, siteID, id int64, p DeploymentPatch) (Change, error) {
	var out Change
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		h, d, err := lockDeployment(tx, siteID, id)
		if err != nil {
			return err
		}
		before := stateOf(h.PartNumber, d, nil)
		next := DeploymentInput{Name: d.Name, Environment: d.Environment, Quantity: d.Quantity, Note: d.Note}
		if p.Name != nil {
			next.Name = *p.Name
		}
		if p.Environment != nil {
			next.Environment = *p.Environment
		}
		if p.Quantity != nil {
			next.Quantity = *p.Quantity
		}
		if p.Note != nil {
			next.Note = *p.Note
		}
		if next, err = checkInput(next); err != nil {
			return err
		}
		if next == (DeploymentInput{Name: d.Name, Environment: d.Environment, Quantity: d.Quantity, Note: d.Note}) {
			u, err := usageOf(tx, h)
			if err != nil {
				return err
			}
			v, err := loadDeployment(tx, siteID, id)
			out = Change{Deployment: v, Usage: u}
			return err
		}
		if err := nameTaken(tx, h, next.Name, d.ID); err != nil {
			return err
		}
		d.Name, d.Environment, d.Quantity, d.Note, d.UpdatedAt = next.Name, next.Environment, next.Quantity, next.Note, s.now()
		if err := tx.Model(&d).Select("name", "environment", "quantity", "note", "updated_at").Updates(&d).Error; err != nil {
			return uniqueViolation(fmt.Errorf("update deployment: %w", err), h.PartNumber, next.Name)
		}
		return s.finish(tx, by, "deployment.update", h, d, before, &out)
	})
	return out, err
}

// RemoveDeployment deletes the site's deployment id and returns its
// entitlement's usage after; ErrNotFound when the site has no such
// deployment.
func (s *Service) RemoveDeployment(ctx context.Context, by Editor, siteID, id int64) (models.Usage, error) {
	var u models.Usage
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		h, d, err := lockDeployment(tx, siteID, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&models.Deployment{}, d.ID).Error; err != nil {
			return fmt.Errorf("remove deployment: %w", err)
		}
		if u, err = usageOf(tx, h); err != nil {
			return err
		}
		after := map[string]any{"part_number": h.PartNumber, "owned": u.Owned, "deployed": u.Deployed, "over_deployed": u.OverDeployed()}
		return audit(tx, by, "deployment.delete", h, d.ID, stateOf(h.PartNumber, d, nil), after)
	})
	return u, err
}
