// Package renewal is the renewal process (SPEC F2, F5), one workflow
// `renewal/<site>/<due date>` per site and anniversary: the calendar as
// durable timers (contact verification, the renewal quote and notice,
// reminders, lapse at the due date), the customer's channel, and the end:
// renewed (ordered online through the order process, or off-line as
// recorded by the IBM side) or lapsed. Deterministic code only.
package renewal
