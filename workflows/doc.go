// Package workflows holds the Temporal workflows, one file per workflow:
// deterministic code only, with each workflow's ID helper, input and output
// types, and the names of its queries, updates and signals next to it.
package workflows
