// Package composecheck checks the repository's docker-compose.yml and
// Dockerfile against the configuration: it has no code of its own, only a
// test that loads the compose file with the compose-spec loader and fails
// when the services, ports, dependencies or environment variables no longer
// agree with internal/config and internal/temporalx.
package composecheck
