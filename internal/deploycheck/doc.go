// Package deploycheck checks the Kubernetes manifests in deploy/ offline:
// it has no code of its own, only tests that build every kustomize overlay
// with kustomize's Go API (krusty), decode every object strictly with the
// official Kubernetes Go types (so a misspelled or unknown field fails),
// and check what the types cannot: probes, resources, non-root read-only
// containers, pinned images, selectors that match, and a configuration that
// internal/config accepts for `pao serve`.
package deploycheck
