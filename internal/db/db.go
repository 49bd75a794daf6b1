// Package db opens the PostgreSQL connection (GORM over pgx) and applies the
// embedded goose migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/pressly/goose/v3"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/pao/pao/migrations"
)

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string) (*gorm.DB, error) {
	if url == "" {
		return nil, errors.New("DATABASE_URL: not set")
	}
	gdb, err := gorm.Open(postgres.Open(url), &gorm.Config{
		Logger:                 logger.Discard,
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB.SetMaxOpenConns(20)
	// As many idle as open: a burst must not close and reopen (and
	// re-authenticate) connections it will need again a moment later.
	sqlDB.SetMaxIdleConns(20)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return gdb, nil
}

// Close closes the underlying pool.
func Close(gdb *gorm.DB) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Migrate applies every pending migration and logs what it applied.
func Migrate(ctx context.Context, gdb *gorm.DB, log *slog.Logger) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return MigrateSQL(ctx, sqlDB, log)
}

// MigrateSQL applies every pending migration on a database/sql handle.
func MigrateSQL(ctx context.Context, sqlDB *sql.DB, log *slog.Logger) error {
	fsys, err := fs.Sub(migrations.FS, ".")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, fsys)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}
