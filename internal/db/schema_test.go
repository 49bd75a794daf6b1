package db_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lib/pq"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// allModels are the GORM models of every table the migrations create.
var allModels = []any{
	&models.Customer{}, &models.Agreement{}, &models.Site{}, &models.User{},
	&models.SiteContact{}, &models.SiteAccess{}, &models.SupportAccess{},
	&models.Product{}, &models.Price{}, &models.Coverage{}, &models.AuditEntry{},
	&models.AccessRequest{}, &models.OutboxEmail{}, &models.SupportCase{},
	&models.SupportCaseUpdate{}, &models.SupportCaseParty{}, &models.SupportCaseFollower{},
	&models.Quote{}, &models.QuoteRequestLine{}, &models.QuoteVersion{}, &models.QuoteLine{}, &models.QuoteChangeRequest{},
	&models.Cart{}, &models.CartLine{}, &models.CartQuote{},
	&models.Terms{}, &models.PaymentMethodByCountry{}, &models.Checkout{}, &models.CheckoutLineRow{},
	&models.OrderSubmission{}, &models.Order{}, &models.OrderLineRow{}, &models.OrderPayment{}, &models.Document{},
	&models.Renewal{},
	&models.AgreementDocument{},
	&models.Deployment{},
	&models.Package{},
	&models.MediaRequest{},
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	jsonType        = reflect.TypeFor[models.JSON]()
	stringArrayType = reflect.TypeFor[pq.StringArray]()
	uuidType        = reflect.TypeFor[uuid.UUID]()
	tsvectorType    = reflect.TypeFor[models.SearchVector]()
)

// intBits is the width of the PostgreSQL integer types (udt names).
var intBits = map[string]int{"int2": 16, "int4": 32, "int8": 64}

// compatible reports whether DB type udt (information_schema udt_name) can
// hold Go type goType (pointers already removed) without loss, and why not.
func compatible(goType reflect.Type, udt string) error {
	switch goType {
	case timeType:
		if udt == "timestamptz" || udt == "date" {
			return nil
		}
		return fmt.Errorf("time.Time needs timestamptz or date")
	case jsonType:
		if udt == "jsonb" {
			return nil
		}
		return fmt.Errorf("models.JSON needs jsonb")
	case stringArrayType:
		if udt == "_text" || udt == "text[]" { // the driver reports arrays as text[]
			return nil
		}
		return fmt.Errorf("pq.StringArray needs text[]")
	case uuidType:
		if udt == "uuid" {
			return nil
		}
		return fmt.Errorf("uuid.UUID needs uuid")
	case tsvectorType:
		if udt == "tsvector" {
			return nil
		}
		return fmt.Errorf("models.SearchVector needs tsvector")
	}
	switch goType.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits, ok := intBits[udt]
		if !ok {
			return fmt.Errorf("integer field needs smallint, integer or bigint")
		}
		if goType.Bits() < bits {
			return fmt.Errorf("%d-bit Go field cannot hold %s (%d bits)", goType.Bits(), udt, bits)
		}
		return nil
	case reflect.String:
		if udt == "text" || udt == "varchar" || udt == "uuid" || udt == "inet" {
			return nil
		}
		return fmt.Errorf("string field needs text, uuid or inet")
	case reflect.Bool:
		if udt == "bool" {
			return nil
		}
		return fmt.Errorf("bool field needs boolean")
	}
	return fmt.Errorf("no mapping for Go type %s", goType)
}

// nullableType reports whether a non-pointer Go type stores SQL NULL.
func nullableType(t reflect.Type) bool { return t == jsonType || t == stringArrayType }

// schemaProblems compares model's GORM schema with its table and returns
// the mismatches and notes (intentional looseness worth knowing about).
func schemaProblems(gdb *gorm.DB, m any) (table string, problems, notes []string, err error) {
	s, err := schema.Parse(m, &sync.Map{}, gdb.NamingStrategy)
	if err != nil {
		return "", nil, nil, fmt.Errorf("parse %T: %w", m, err)
	}
	table = s.Table
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !gdb.Migrator().HasTable(m) {
		bad("table %s of %s does not exist", s.Table, s.Name)
		return table, problems, notes, nil
	}
	cols, err := gdb.Migrator().ColumnTypes(m)
	if err != nil {
		return table, nil, nil, fmt.Errorf("column types of %s: %w", s.Table, err)
	}
	byName := map[string]gorm.ColumnType{}
	for _, c := range cols {
		byName[c.Name()] = c
	}
	fields := map[string]*schema.Field{}
	for _, f := range s.Fields {
		if f.DBName == "" { // relation or ignored field
			continue
		}
		fields[f.DBName] = f
	}
	var dbOnly, modelOnly []string
	for n := range byName {
		if fields[n] == nil {
			dbOnly = append(dbOnly, n)
		}
	}
	for n := range fields {
		if byName[n] == nil {
			modelOnly = append(modelOnly, n)
		}
	}
	sort.Strings(dbOnly)
	sort.Strings(modelOnly)
	if len(dbOnly) > 0 {
		bad("%s: columns without a model field: %v", s.Table, dbOnly)
	}
	if len(modelOnly) > 0 {
		bad("%s: model fields without a column: %v", s.Table, modelOnly)
	}

	var dbPK, modelPK []string
	for n, c := range byName {
		if pk, ok := c.PrimaryKey(); ok && pk {
			dbPK = append(dbPK, n)
		}
	}
	for _, f := range s.PrimaryFields {
		modelPK = append(modelPK, f.DBName)
	}
	sort.Strings(dbPK)
	sort.Strings(modelPK)
	if !slices.Equal(dbPK, modelPK) {
		bad("%s: primary key is %v in the database, %v in the model", s.Table, dbPK, modelPK)
	}

	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, c := fields[n], byName[n]
		if c == nil {
			continue
		}
		udt := c.DatabaseTypeName()
		goType := f.FieldType
		ptr := goType.Kind() == reflect.Pointer
		if ptr {
			goType = goType.Elem()
		}
		if err := compatible(goType, udt); err != nil {
			bad("%s.%s: Go %s vs DB %s: %v", s.Table, n, f.FieldType, udt, err)
		}
		if udt == "date" && f.DataType != "date" {
			bad("%s.%s: DB date but the model does not say gorm:\"type:date\"", s.Table, n)
		}
		nullable, ok := c.Nullable()
		if !ok {
			bad("%s.%s: nullability unknown", s.Table, n)
			continue
		}
		switch {
		case nullable && !ptr && !nullableType(goType):
			bad("%s.%s: nullable column but Go field %s cannot hold NULL (use a pointer)", s.Table, n, f.FieldType)
		case !nullable && ptr:
			bad("%s.%s: NOT NULL column but Go field %s is a pointer", s.Table, n, f.FieldType)
		case !nullable && nullableType(goType):
			notes = append(notes, fmt.Sprintf("%s.%s is NOT NULL but Go type %s can hold NULL; the database refuses a nil value", s.Table, n, f.FieldType))
		}
		// GORM omits a zero auto-increment key on insert and reads it
		// back; the database must then generate it, and vice versa.
		dbAuto, _ := c.AutoIncrement()
		if f.AutoIncrement && !dbAuto {
			bad("%s.%s: GORM treats it as auto-increment but the database does not generate it", s.Table, n)
		}
		if dbAuto && !f.AutoIncrement {
			bad("%s.%s: the database generates it but GORM does not treat it as auto-increment", s.Table, n)
		}
	}
	return table, problems, notes, nil
}

func TestModelsMatchSchema(t *testing.T) {
	gdb := testenv.DB(t)
	seen := map[string]string{}
	for _, m := range allModels {
		name := reflect.TypeOf(m).Elem().Name()
		t.Run(name, func(t *testing.T) {
			table, problems, notes, err := schemaProblems(gdb, m)
			if err != nil {
				t.Fatal(err)
			}
			if other, ok := seen[table]; ok {
				t.Errorf("%s and %s both map to table %s", other, name, table)
			}
			seen[table] = name
			for _, p := range problems {
				t.Error(p)
			}
			for _, n := range notes {
				t.Log("note: " + n)
			}
		})
	}

	// Every table the migrations create (but goose's own) has a model.
	tables, err := gdb.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range tables {
		if _, ok := seen[tbl]; !ok && tbl != "goose_db_version" {
			t.Errorf("table %s has no model in the list", tbl)
		}
	}
}

// badOutbox disagrees with the outbox table in every way the check knows.
type badOutbox struct {
	ID            int32 `gorm:"primaryKey"` // narrower than bigint
	Key           int64 // text
	Notice        *string
	Recipients    []byte // no mapping
	Subject       string
	TextBody      string
	HTMLBody      string
	CreatedAt     time.Time
	NextAttemptAt string // timestamptz
	Attempts      int16  // narrower than integer
	LastError     string
	SentAt        time.Time // nullable
	Extra         string    // no column
}

func (badOutbox) TableName() string { return "outbox" }

// badPrice has the wrong primary key and misses a column.
type badPrice struct {
	ProductID int64 `gorm:"primaryKey"`
	Currency  string
	UnitMinor int64
}

func (badPrice) TableName() string { return "prices" }

type noTable struct{ ID int64 }

// TestSchemaCheckCatchesMismatches proves the check is not vacuous.
func TestSchemaCheckCatchesMismatches(t *testing.T) {
	gdb := testenv.DB(t)
	tests := []struct {
		model any
		want  []string
	}{
		{&badOutbox{}, []string{
			"outbox.id: Go int32 vs DB int8", "outbox.key: Go int64 vs DB text",
			"outbox.notice: NOT NULL column but Go field *string is a pointer",
			"outbox.recipients: Go []uint8", "outbox.next_attempt_at: Go string vs DB timestamptz",
			"outbox.attempts: Go int16 vs DB int4", "outbox.sent_at: nullable column but Go field time.Time",
			"outbox: model fields without a column: [extra]",
		}},
		{&badPrice{}, []string{"prices: columns without a model field: [price_level]", "prices: primary key is [currency price_level product_id] in the database, [product_id] in the model"}},
		{&noTable{}, []string{"table no_tables of noTable does not exist"}},
	}
	for _, tc := range tests {
		_, problems, _, err := schemaProblems(gdb, tc.model)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, w) }) {
				t.Errorf("%T: no problem reported containing %q; got:\n%s", tc.model, w, strings.Join(problems, "\n"))
			}
		}
	}
}

type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	gdb := testenv.DB(t) // already migrated
	ctx := context.Background()
	count := func() int64 {
		var n int64
		if err := gdb.Table("goose_db_version").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	for i := range 2 {
		var logs logBuffer
		if err := db.Migrate(ctx, gdb, slog.New(slog.NewTextHandler(&logs, nil))); err != nil {
			t.Fatalf("migrate #%d on a migrated database: %v", i+1, err)
		}
		if s := logs.String(); s != "" {
			t.Errorf("migrate #%d applied something: %s", i+1, s)
		}
	}
	if after := count(); after != before {
		t.Errorf("goose_db_version rows %d -> %d", before, after)
	}
}

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	gdb := testenv.DB(t)
	e := models.AuditEntry{Actor: "alice@example.com", Action: "test.action", ObjectType: "thing", ObjectID: "1", After: models.JSON(`{"a":1}`), RequestID: "r1"}
	if err := gdb.Create(&e).Error; err != nil {
		t.Fatalf("insert audit entry: %v", err)
	}
	if e.ID == 0 || e.At.IsZero() {
		t.Errorf("insert did not read back id/at: %+v", e)
	}
	attempts := map[string]func() error{
		"raw update":  func() error { return gdb.Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", e.ID).Error },
		"gorm update": func() error { return gdb.Model(&models.AuditEntry{}).Where("id = ?", e.ID).Update("action", "x").Error },
		"update all":  func() error { return gdb.Exec("UPDATE audit_log SET request_id = ''").Error },
		"raw delete":  func() error { return gdb.Exec("DELETE FROM audit_log WHERE id = ?", e.ID).Error },
		"gorm delete": func() error { return gdb.Delete(&models.AuditEntry{}, e.ID).Error },
		"delete all":  func() error { return gdb.Exec("DELETE FROM audit_log").Error },
		"gorm save":   func() error { e2 := e; e2.Actor = "mallory"; return gdb.Save(&e2).Error },
	}
	for name, f := range attempts {
		err := f()
		if err == nil {
			t.Errorf("%s on audit_log succeeded", name)
			continue
		}
		if code := pgCode(err); code != "42501" {
			t.Errorf("%s: error %v (code %q), want insufficient_privilege 42501", name, err, code)
		}
	}
	var got models.AuditEntry
	if err := gdb.First(&got, e.ID).Error; err != nil {
		t.Fatalf("entry gone: %v", err)
	}
	if got.Actor != "alice@example.com" || got.Action != "test.action" || got.RequestID != "r1" {
		t.Errorf("entry changed: %+v", got)
	}
	var n int64
	gdb.Model(&models.AuditEntry{}).Count(&n)
	if n != 1 {
		t.Errorf("%d audit rows, want 1", n)
	}
}

func TestAtMostFourSecondaryContacts(t *testing.T) {
	gdb := testenv.DB(t)
	cust := models.Customer{CustomerNumber: "123456", Name: "Acme"}
	if err := gdb.Create(&cust).Error; err != nil {
		t.Fatal(err)
	}
	var sites []models.Site
	for i := range 2 {
		s := models.Site{SiteNumber: fmt.Sprintf("90000%d", i), CustomerID: cust.ID, Kind: models.SiteExpress, Name: "Site", Country: "US", Currency: "USD"}
		if err := gdb.Create(&s).Error; err != nil {
			t.Fatal(err)
		}
		sites = append(sites, s)
	}
	var users []models.User
	for i := range 7 {
		u := models.User{Email: fmt.Sprintf("u%d@example.com", i)}
		if err := gdb.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	add := func(site models.Site, u models.User, role models.ContactRole) error {
		return gdb.Create(&models.SiteContact{SiteID: site.ID, UserID: u.ID, Role: role}).Error
	}
	for i := range models.MaxSecondaryContacts {
		if err := add(sites[0], users[i], models.RoleSecondary); err != nil {
			t.Fatalf("secondary #%d: %v", i+1, err)
		}
	}
	err := add(sites[0], users[4], models.RoleSecondary)
	if err == nil {
		t.Fatal("a fifth secondary contact was accepted")
	}
	if !errors.Is(err, gorm.ErrCheckConstraintViolated) || pgCode(err) != "23514" {
		t.Errorf("fifth secondary: %v, want a check violation", err)
	}
	// Other roles on the full site, and secondaries on another site, are fine.
	if err := add(sites[0], users[4], models.RoleTechnical); err != nil {
		t.Errorf("technical contact on a site with 4 secondaries: %v", err)
	}
	for i := range models.MaxSecondaryContacts {
		if err := add(sites[1], users[i+2], models.RoleSecondary); err != nil {
			t.Errorf("secondary #%d on the other site: %v", i+1, err)
		}
	}
	// Turning a contact into a fifth secondary by UPDATE is refused too.
	err = gdb.Model(&models.SiteContact{}).
		Where("site_id = ? AND user_id = ? AND role = ?", sites[0].ID, users[4].ID, models.RoleTechnical).
		Update("role", models.RoleSecondary).Error
	if err == nil || pgCode(err) != "23514" {
		t.Errorf("update to a fifth secondary: %v, want a check violation", err)
	}
	var n int64
	gdb.Model(&models.SiteContact{}).Where("site_id = ? AND role = ?", sites[0].ID, models.RoleSecondary).Count(&n)
	if n != models.MaxSecondaryContacts {
		t.Errorf("site has %d secondaries, want %d", n, models.MaxSecondaryContacts)
	}
}
