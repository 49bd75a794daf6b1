package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Tool is one of the B1 tools a user holds a level of on a site.
type Tool string

// The B1 tools. Account management is not stored: it is held by whoever is
// the site's Primary Contact and covers manage access and contact update.
const (
	ToolSoftware          Tool = "software"
	ToolReporting         Tool = "reporting"
	ToolEntitlements      Tool = "entitlements"
	ToolAccountManagement Tool = "account_management"
	ToolManageAccess      Tool = "manage_access"
	ToolContactUpdate     Tool = "contact_update"
	ToolDocuments         Tool = "documents"
)

// Level is an ordered privilege level of a tool; 0 is none.
type Level int16

// Common level values.
const (
	LevelNone   Level = 0
	LevelView   Level = 1
	LevelUpdate Level = 2
)

// Software levels (B1.1).
const (
	SoftwareDownloads      Level = 1
	SoftwareDownloadsMedia Level = 2
	SoftwareFull           Level = 3
)

// toolLevels names the levels of each grantable tool in ascending order.
var toolLevels = map[Tool][]string{
	ToolSoftware:      {"none", "downloads", "downloads_media", "full"},
	ToolReporting:     {"none", "view"},
	ToolEntitlements:  {"none", "view", "update"},
	ToolManageAccess:  {"none", "view", "update"},
	ToolContactUpdate: {"none", "view", "update"},
	ToolDocuments:     {"none", "view"},
}

// toolTitles are the tools as SPEC B1 names them for people (emails).
var toolTitles = map[Tool]string{
	ToolSoftware:          "Software & services",
	ToolReporting:         "Reporting",
	ToolEntitlements:      "Entitlements",
	ToolAccountManagement: "Account management",
	ToolManageAccess:      "Manage access",
	ToolContactUpdate:     "Contact update",
	ToolDocuments:         "Account-related documents",
}

// levelTitles are the levels of each grantable tool as SPEC B1 describes
// them for people, index for index with toolLevels.
var levelTitles = map[Tool][]string{
	ToolSoftware:      {"none", "downloads only", "downloads and media", "full (downloads, media, quotes, product catalog and licence renewals)"},
	ToolReporting:     {"none", "view"},
	ToolEntitlements:  {"none", "view", "update"},
	ToolManageAccess:  {"none", "view", "update"},
	ToolContactUpdate: {"none", "view", "update"},
	ToolDocuments:     {"none", "view"},
}

// ToolTitle names tool t for a person ("Software & services"); an unknown
// tool is shown as it is spelled.
func ToolTitle(t Tool) string {
	if s, ok := toolTitles[t]; ok {
		return s
	}
	return string(t)
}

// LevelTitle names level l of tool t for a person ("downloads and media");
// a level out of range falls back to LevelName.
func LevelTitle(t Tool, l Level) string {
	titles := levelTitles[t]
	if int(l) < 0 || int(l) >= len(titles) {
		return LevelName(t, l)
	}
	return titles[l]
}

// Titled lists the levels above none for a person, one "Tool: level" line
// per tool in B1 order (e.g. "Software & services: downloads and media").
func (p Privileges) Titled() []string {
	var out []string
	for _, t := range GrantableTools {
		if l := p.Get(t); l != LevelNone {
			out = append(out, ToolTitle(t)+": "+LevelTitle(t, l))
		}
	}
	return out
}

// GrantableTools lists the stored tools in B1 order.
var GrantableTools = []Tool{ToolSoftware, ToolReporting, ToolEntitlements, ToolManageAccess, ToolContactUpdate, ToolDocuments}

// ParseLevel turns a level name of tool t into its Level.
func ParseLevel(t Tool, name string) (Level, error) {
	for i, n := range toolLevels[t] {
		if n == name {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("unknown level %q for %s (one of %v)", name, t, toolLevels[t])
}

// LevelName names level l of tool t.
func LevelName(t Tool, l Level) string {
	names := toolLevels[t]
	if int(l) < 0 || int(l) >= len(names) {
		return fmt.Sprintf("level-%d", l)
	}
	return names[l]
}

// Privileges are a user's levels on one site (B1). In JSON (Temporal
// payloads: decisions, the workflow state, the status query) they are level
// names by tool, as the API shows them: {"software":"downloads",…}; see
// MarshalJSON and UnmarshalJSON.
type Privileges struct {
	Software      Level `json:"software"`
	Reporting     Level `json:"reporting"`
	Entitlements  Level `json:"entitlements"`
	ManageAccess  Level `json:"manage_access"`
	ContactUpdate Level `json:"contact_update"`
	Documents     Level `json:"documents"`
}

// MarshalJSON writes every grantable tool, in B1 order, with its level
// name: {"software":"downloads","reporting":"view",…}. A level outside its
// tool's range has no name and is written as its integer, so nothing is
// lost and UnmarshalJSON reads it back.
func (p Privileges) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 128)
	b = append(b, '{')
	for i, t := range GrantableTools {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, string(t))
		b = append(b, ':')
		l, names := p.Get(t), toolLevels[t]
		if l >= 0 && int(l) < len(names) {
			b = strconv.AppendQuote(b, names[l])
		} else {
			b = strconv.AppendInt(b, int64(l), 10)
		}
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an object of tool → level, each level either its name
// (what MarshalJSON writes) or its integer (what histories recorded before
// names hold: {"software":1,…}). As for a plain struct, a tool that is not
// listed, or is null, keeps its level, and null as a whole changes nothing.
// An unknown tool, an unknown name or a non-integer is an error.
func (p *Privileges) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("privileges: %w", err)
	}
	out := *p
	for k, raw := range m {
		t := Tool(k)
		if _, ok := toolLevels[t]; !ok {
			return fmt.Errorf("privileges: unknown tool %q", k)
		}
		if isJSONNull(raw) {
			continue
		}
		l, err := decodeLevel(raw, func(s string) (int, error) {
			v, err := ParseLevel(t, s)
			return int(v), err
		})
		if err != nil {
			return fmt.Errorf("privileges: %s: %w", k, err)
		}
		out = out.Set(t, Level(l))
	}
	*p = out
	return nil
}

// decodeLevel reads a JSON level: a string goes through byName, anything
// else must be an integer that fits a smallint (the stored width).
func decodeLevel(raw json.RawMessage, byName func(string) (int, error)) (int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, fmt.Errorf("decode level name: %w", err)
		}
		return byName(s)
	}
	var n int16
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, fmt.Errorf("decode level number: %w", err)
	}
	return int(n), nil
}

func isJSONNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

// PrimaryPrivileges is what the Primary Contact holds (B2): everything.
var PrimaryPrivileges = Privileges{
	Software: SoftwareFull, Reporting: LevelView, Entitlements: LevelUpdate,
	ManageAccess: LevelUpdate, ContactUpdate: LevelUpdate, Documents: LevelView,
}

// EffectivePrivileges is the one place a user's effective levels on a site
// are computed: what is stored, raised to everything for the site's Primary
// Contact (B2: account management comes with the role).
func EffectivePrivileges(stored Privileges, isPrimary bool) Privileges {
	if isPrimary {
		return stored.Max(PrimaryPrivileges)
	}
	return stored
}

// Get returns the level of tool t.
func (p Privileges) Get(t Tool) Level {
	switch t {
	case ToolSoftware:
		return p.Software
	case ToolReporting:
		return p.Reporting
	case ToolEntitlements:
		return p.Entitlements
	case ToolManageAccess:
		return p.ManageAccess
	case ToolContactUpdate:
		return p.ContactUpdate
	case ToolDocuments:
		return p.Documents
	}
	return LevelNone
}

// Set returns p with tool t at level l.
func (p Privileges) Set(t Tool, l Level) Privileges {
	switch t {
	case ToolSoftware:
		p.Software = l
	case ToolReporting:
		p.Reporting = l
	case ToolEntitlements:
		p.Entitlements = l
	case ToolManageAccess:
		p.ManageAccess = l
	case ToolContactUpdate:
		p.ContactUpdate = l
	case ToolDocuments:
		p.Documents = l
	}
	return p
}

// Valid reports whether every level is within its tool's range.
func (p Privileges) Valid() error {
	for _, t := range GrantableTools {
		if l := p.Get(t); l < 0 || int(l) >= len(toolLevels[t]) {
			return fmt.Errorf("%s: level %d out of range", t, l)
		}
	}
	return nil
}

// Covers reports whether p holds at least every level of q.
func (p Privileges) Covers(q Privileges) bool {
	for _, t := range GrantableTools {
		if p.Get(t) < q.Get(t) {
			return false
		}
	}
	return true
}

// Max returns the per-tool maximum of p and q.
func (p Privileges) Max(q Privileges) Privileges {
	for _, t := range GrantableTools {
		if q.Get(t) > p.Get(t) {
			p = p.Set(t, q.Get(t))
		}
	}
	return p
}

// Named renders the levels by name, for the API.
func (p Privileges) Named() map[Tool]string {
	out := make(map[Tool]string, len(GrantableTools))
	for _, t := range GrantableTools {
		out[t] = LevelName(t, p.Get(t))
	}
	return out
}

// ParseNamed turns tool→level-name pairs into Privileges; unknown tools and
// level names are errors naming the tool. Tools not listed stay at none.
func ParseNamed(m map[string]string) (Privileges, map[string]string) {
	var p Privileges
	bad := map[string]string{}
	for k, v := range m {
		t := Tool(k)
		if _, ok := toolLevels[t]; !ok {
			bad[k] = "unknown tool (account_management is held by the Primary Contact and cannot be granted)"
			continue
		}
		l, err := ParseLevel(t, v)
		if err != nil {
			bad[k] = err.Error()
			continue
		}
		p = p.Set(t, l)
	}
	return p, bad
}

// GrantCheck decides whether a granter holding `granter` (and being the
// Primary or not) may change a user's privileges from `from` to `to` (B2):
// only the Primary may grant or change manage access and contact update; a
// granter needs manage access = update; nobody grants more than they hold.
// It returns "" when allowed, or the rule broken.
func GrantCheck(granter Privileges, granterIsPrimary bool, from, to Privileges) string {
	if granter.ManageAccess < LevelUpdate && !granterIsPrimary {
		return "changing privileges needs manage_access=update"
	}
	if !granterIsPrimary && (from.ManageAccess != to.ManageAccess || from.ContactUpdate != to.ContactUpdate) {
		return "only the Primary Contact may grant manage_access or contact_update"
	}
	for _, t := range GrantableTools {
		if to.Get(t) > granter.Get(t) && to.Get(t) != from.Get(t) {
			return fmt.Sprintf("cannot grant %s=%s: more than you hold (%s)", t, LevelName(t, to.Get(t)), LevelName(t, granter.Get(t)))
		}
	}
	return ""
}

// SiteAccess is the stored row of a user's privileges on a site. Its
// existence means the user has access to the site.
type SiteAccess struct {
	SiteID        int64 `gorm:"primaryKey"`
	UserID        int64 `gorm:"primaryKey"`
	Software      Level
	Reporting     Level
	Entitlements  Level
	ManageAccess  Level
	ContactUpdate Level
	Documents     Level
	CreatedAt     time.Time
	UpdatedAt     time.Time

	User *User `gorm:"foreignKey:UserID"`
}

// TableName pins the table name.
func (SiteAccess) TableName() string { return "site_access" }

// Privileges returns the row's levels.
func (a SiteAccess) Privileges() Privileges {
	return Privileges{a.Software, a.Reporting, a.Entitlements, a.ManageAccess, a.ContactUpdate, a.Documents}
}

// SetPrivileges copies p into the row.
func (a *SiteAccess) SetPrivileges(p Privileges) {
	a.Software, a.Reporting, a.Entitlements = p.Software, p.Reporting, p.Entitlements
	a.ManageAccess, a.ContactUpdate, a.Documents = p.ManageAccess, p.ContactUpdate, p.Documents
}

// SupportLevel is a user's support access level on a customer account (D1).
type SupportLevel int16

// Support levels, ordered.
const (
	SupportNone  SupportLevel = 0
	SupportBasic SupportLevel = 1
	SupportFull  SupportLevel = 2
	SupportAdmin SupportLevel = 3
)

var supportLevelNames = []string{"none", "basic", "full", "administrator"}

// supportLevelTitles are the D1 levels as a person reads them.
var supportLevelTitles = []string{"No access", "Basic", "Full", "Administrator"}

// Title names the level for a person ("Full"); a level out of range falls
// back to String.
func (l SupportLevel) Title() string {
	if l < 0 || int(l) >= len(supportLevelTitles) {
		return l.String()
	}
	return supportLevelTitles[l]
}

// MarshalJSON writes the level's name ("full"), or its integer when it has
// none (out of range), so nothing is lost.
func (l SupportLevel) MarshalJSON() ([]byte, error) {
	if l >= 0 && int(l) < len(supportLevelNames) {
		return strconv.AppendQuote(nil, supportLevelNames[l]), nil
	}
	return strconv.AppendInt(nil, int64(l), 10), nil
}

// UnmarshalJSON reads a level name or, as histories recorded before names
// hold it, an integer; null changes nothing.
func (l *SupportLevel) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		return nil
	}
	v, err := decodeLevel(data, func(s string) (int, error) {
		v, err := ParseSupportLevel(s)
		return int(v), err
	})
	if err != nil {
		return fmt.Errorf("support level: %w", err)
	}
	*l = SupportLevel(v)
	return nil
}

// String names the level.
func (l SupportLevel) String() string {
	if l < 0 || int(l) >= len(supportLevelNames) {
		return fmt.Sprintf("level-%d", l)
	}
	return supportLevelNames[l]
}

// ParseSupportLevel parses a support level name.
func ParseSupportLevel(s string) (SupportLevel, error) {
	for i, n := range supportLevelNames {
		if n == s {
			return SupportLevel(i), nil
		}
	}
	return 0, fmt.Errorf("unknown support level %q (one of %v)", s, supportLevelNames)
}

// SupportAccess is the stored support access level of a user on an account.
type SupportAccess struct {
	CustomerID int64 `gorm:"primaryKey"`
	UserID     int64 `gorm:"primaryKey"`
	Level      SupportLevel
	UpdatedAt  time.Time
}

// TableName pins the table name.
func (SupportAccess) TableName() string { return "support_access" }
