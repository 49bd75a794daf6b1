# Passport Advantage backend: `make dev` runs everything, `make test` runs every test layer.

TEMPORAL_CLI_VERSION := v1.5.1
TEMPORAL_CLI         := $(CURDIR)/.bin/temporal
STRIPE_MOCK_VERSION  := v0.203.0
STRIPE_MOCK          := $(CURDIR)/.bin/stripe-mock
GO                   ?= go
GOTESTFLAGS          ?= -count=1 -timeout 20m

.PHONY: dev test build temporal-cli stripe-mock postgres-check lint bench clean replay-record

build: ## build bin/pao
	$(GO) build -o bin/pao ./cmd/pao

# The Temporal CLI is pinned and built from source (prebuilt downloads are
# not reachable everywhere); later tags carry a replace directive and cannot
# be installed with `go install`.
$(TEMPORAL_CLI):
	@echo "building the Temporal CLI $(TEMPORAL_CLI_VERSION) (about 4 minutes, once)"
	GOBIN=$(CURDIR)/.bin $(GO) install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_CLI_VERSION)

temporal-cli: $(TEMPORAL_CLI)

# stripe-mock (the Stripe API's behaviour from its OpenAPI spec) is pinned
# and built from the Go module proxy; the Stripe gateway's tests run it.
$(STRIPE_MOCK):
	GOBIN=$(CURDIR)/.bin $(GO) install github.com/stripe/stripe-mock@$(STRIPE_MOCK_VERSION)

stripe-mock: $(STRIPE_MOCK)

postgres-check:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
	  { echo "PostgreSQL server binaries missing: apt-get install -y postgresql (or set DATABASE_URL)"; exit 1; }

dev: build temporal-cli ## run the whole system locally (Ctrl-C stops it)
	@if [ -z "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory postgres-check; fi
	PAO_TEMPORAL_CLI=$(TEMPORAL_CLI) exec ./bin/pao dev

test: temporal-cli stripe-mock postgres-check ## every test layer, against real PostgreSQL and Temporal
	PAO_TEMPORAL_CLI=$(TEMPORAL_CLI) PAO_STRIPE_MOCK=$(STRIPE_MOCK) $(GO) run ./cmd/testenv -- $(GO) test $(GOTESTFLAGS) ./...

bench: temporal-cli stripe-mock postgres-check ## benchmarks
	PAO_TEMPORAL_CLI=$(TEMPORAL_CLI) PAO_STRIPE_MOCK=$(STRIPE_MOCK) $(GO) run ./cmd/testenv -- $(GO) test -run '^$$' -bench . -benchtime 200x ./...

replay-record: temporal-cli postgres-check ## re-record the histories the replay tests replay (review the diff before committing)
	PAO_RECORD_HISTORIES=1 PAO_TEMPORAL_CLI=$(TEMPORAL_CLI) $(GO) run ./cmd/testenv -- $(GO) test -count=1 ./internal/e2e/ ./workflows/order/ ./workflows/renewal/

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...

# When the postgres user cannot reach the checkout (e.g. it lies in root's
# mode-700 home), `pao dev` keeps PostgreSQL's cluster in /var/lib/pao/pg-<hash>
# and .data/pg links to it; remove that cluster too (a link anywhere else is
# not followed).
clean: ## remove build output and local dev data
	@if [ -L .data/pg ]; then t="$$(readlink .data/pg)"; case "$$t" in \
	  */..*|/var/lib/pao/pg-*/*) ;; /var/lib/pao/pg-*) echo "rm -rf $$t"; rm -rf -- "$$t";; esac; fi
	rm -rf bin .data
