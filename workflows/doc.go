// Package workflows is the registry of the project's Temporal workflows:
// All lists them for the worker and the replayer. Each workflow lives in a
// package of its own (accessrequest, …) with its ID helper, input, output
// and message types, refusal types, tests and recorded histories; what
// every workflow shares (activity options, retry policies, shared error
// types) is in workflows/policy, which the per-workflow packages import.
package workflows
