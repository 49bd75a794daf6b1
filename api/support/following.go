package support

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// followingView is the caller's following state on an account's cases.
type followingView struct {
	CustomerNumber string `json:"customer_number"`
	Following      bool   `json:"following"`
}

// PUT /v1/accounts/:customer/case-following (D1 full: "receive updates"):
// the caller follows every case of the account and is emailed when any of
// them gets an update. Idempotent: following again changes nothing.
func (h *Handlers) putFollowing(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	a := api.AccountOf(c)
	err := h.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).
			Create(&models.SupportCaseFollower{CustomerID: a.Customer.ID, UserID: api.Caller(c).ID})
		if res.Error != nil {
			return fmt.Errorf("follow cases: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // already following: no change, no audit row
		}
		return h.auditFollowing(tx, c, "case.follow", false, true)
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, followingView{CustomerNumber: a.Customer.CustomerNumber, Following: true})
	return nil
}

// DELETE /v1/accounts/:customer/case-following: the caller stops following
// the account's cases. Idempotent: not following is not an error.
func (h *Handlers) deleteFollowing(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	a := api.AccountOf(c)
	err := h.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("customer_id = ? AND user_id = ?", a.Customer.ID, api.Caller(c).ID).
			Delete(&models.SupportCaseFollower{})
		if res.Error != nil {
			return fmt.Errorf("unfollow cases: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return h.auditFollowing(tx, c, "case.unfollow", true, false)
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, followingView{CustomerNumber: a.Customer.CustomerNumber, Following: false})
	return nil
}

// auditFollowing records a follow or unfollow on the account's audit trail
// (no site); the object is the follower, named by email.
func (h *Handlers) auditFollowing(tx *gorm.DB, c *gin.Context, action string, before, after bool) error {
	a := api.AccountOf(c)
	if err := svc.Audit(tx, api.Actor(c), action, nil, &a.Customer.ID, "support_case_following", api.Caller(c).Email,
		map[string]bool{"following": before}, map[string]bool{"following": after}); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// follows reports whether the caller's updates reach them as a follower of
// the account's cases: they follow it and still hold full access or more
// (a follower demoted below full keeps the row but receives nothing until
// promoted again).
func (h *Handlers) follows(c *gin.Context) (bool, error) {
	a := api.AccountOf(c)
	if a.Level < models.SupportFull {
		return false, nil
	}
	var ok bool
	err := h.DB.WithContext(c).Raw(`SELECT EXISTS (SELECT 1 FROM support_case_followers WHERE customer_id = ? AND user_id = ?)`,
		a.Customer.ID, api.Caller(c).ID).Scan(&ok).Error
	if err != nil {
		return false, fmt.Errorf("load following: %w", err)
	}
	return ok, nil
}
