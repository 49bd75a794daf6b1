# syntax=docker/dockerfile:1
# The one pao binary; docker-compose.yml runs it as migrate, api (serve) and
# worker. GO_VERSION follows the go directive of go.mod (checked by
# internal/composecheck).
ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/pao ./cmd/pao

FROM debian:bookworm-slim
# ca-certificates for outbound TLS (SMTP), wget for the compose healthcheck.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates wget \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home pao
COPY --from=build /out/pao /usr/local/bin/pao
USER pao
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/pao"]
CMD ["serve"]
