// Package documents renders the documents an order produces: the printable
// order confirmation (SPEC G6) and the Proof of Entitlement (SPEC G8), and
// the documents of a customer's agreement (SPEC B4 tool 7), each as
// self-contained HTML (print stylesheet, A4, no scripts, no external
// resources) and as PDF.
//
// Both forms of a document are rendered from one view built here, so they
// say the same thing. The PDFs use core fonts in code page 1252: text
// outside it is shown as '?', never an error. A PDF is deterministic: the
// same input renders the same bytes (its dates come from the document).
//
// Nothing here sees a card number: an order carries only the brand, the
// last four digits and the expiry of its card.
package documents
