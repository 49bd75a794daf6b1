package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// standingCache keeps callers' standings for a moment so an authenticated
// read costs its own query only. It is used only while a listener is
// connected to PostgreSQL's "pao_standing" channel, which a trigger on
// every table standing is made of notifies at commit; a notification, a
// change made through this process (any request that is not a read) or
// a lost listener drops every entry at once, so a revocation takes effect
// on the next request. Entries also expire after ttl.
type standingCache struct {
	mu      sync.Mutex
	live    bool
	gen     uint64
	ttl     time.Duration
	max     int
	entries map[string]cachedStanding
}

type cachedStanding struct {
	value any
	found bool
	at    time.Time
}

func newStandingCache(ttl time.Duration, max int) *standingCache {
	return &standingCache{ttl: ttl, max: max, entries: map[string]cachedStanding{}}
}

// invalidate drops every entry.
func (sc *standingCache) invalidate() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.gen++
	clear(sc.entries)
}

// setLive turns the cache on (a listener is connected) or off.
func (sc *standingCache) setLive(live bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.live = live
	sc.gen++
	clear(sc.entries)
}

// cachedLoad returns the cached standing under key, or loads it and keeps
// it unless the cache was invalidated while it loaded.
func cachedLoad[T any](sc *standingCache, key string, load func() (T, bool, error)) (T, bool, error) {
	sc.mu.Lock()
	live, gen := sc.live, sc.gen
	if e, ok := sc.entries[key]; ok && live && time.Since(e.at) < sc.ttl {
		sc.mu.Unlock()
		v, _ := e.value.(T)
		return v, e.found, nil
	}
	sc.mu.Unlock()
	v, found, err := load()
	if err != nil || !live {
		return v, found, err
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.live && sc.gen == gen {
		if len(sc.entries) >= sc.max {
			clear(sc.entries)
		}
		sc.entries[key] = cachedStanding{value: v, found: found, at: time.Now()}
	}
	return v, found, nil
}

// ListenForChanges keeps a connection listening for standing changes and
// enables the cache while it is connected; it returns when ctx is done.
// Without it (e.g. a Server built only for its route table) the cache is
// never used.
func (s *Server) ListenForChanges(ctx context.Context, databaseURL string) {
	if databaseURL == "" {
		return
	}
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, databaseURL)
		s.standings.setLive(false)
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("standing listener lost: the cache is off until it is back", "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

func (s *Server) listenOnce(ctx context.Context, databaseURL string) error {
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "LISTEN pao_standing"); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	s.standings.setLive(true)
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return fmt.Errorf("wait for notification: %w", err)
		}
		s.standings.invalidate()
	}
}
