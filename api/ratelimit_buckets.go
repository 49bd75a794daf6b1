package api

import (
	"container/list"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// buckets are token buckets by key (a client address, a user), in bounded
// memory: at most capacity keys, least recently used first out, and a bucket
// idle long enough to have refilled is dropped when met (it is no
// different from a new one). No goroutine: pruning happens on access.
type buckets struct {
	limit    rate.Limit
	burst    int
	idle     time.Duration
	capacity int

	mu    sync.Mutex
	order *list.List // of *bucket, most recently used first
	byKey map[string]*list.Element
}

type bucket struct {
	key  string
	lim  *rate.Limiter
	seen time.Time
}

// newBuckets returns nil (no limit) when perSecond is 0.
func newBuckets(perSecond float64, burst, capacity int) *buckets {
	if perSecond <= 0 {
		return nil
	}
	refill := time.Duration(float64(burst) / perSecond * float64(time.Second))
	return &buckets{
		limit: rate.Limit(perSecond), burst: burst, idle: max(refill, time.Minute), capacity: capacity,
		order: list.New(), byKey: make(map[string]*list.Element, min(capacity, 1024)),
	}
}

// take spends a token of key's bucket at now; when the bucket is empty it
// spends nothing and returns how long until a token is there.
func (b *buckets) take(key string, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	var bk *bucket
	if el, ok := b.byKey[key]; ok {
		bk = el.Value.(*bucket)
		b.order.MoveToFront(el)
	} else {
		b.prune(now)
		bk = &bucket{key: key, lim: rate.NewLimiter(b.limit, b.burst)}
		b.byKey[key] = b.order.PushFront(bk)
	}
	bk.seen = now
	r := bk.lim.ReserveN(now, 1)
	if !r.OK() {
		return time.Duration(float64(time.Second) / float64(b.limit)) // burst 0: never happens (validated)
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}

// prune makes room for one more key: it drops the buckets idle long enough
// to be full again, then the least recently used ones beyond capacity.
func (b *buckets) prune(now time.Time) {
	for el := b.order.Back(); el != nil; el = b.order.Back() {
		bk := el.Value.(*bucket)
		if len(b.byKey) < b.capacity && now.Sub(bk.seen) < b.idle {
			return
		}
		b.order.Remove(el)
		delete(b.byKey, bk.key)
	}
}

// size is how many buckets are kept (tests).
func (b *buckets) size() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.byKey)
}
