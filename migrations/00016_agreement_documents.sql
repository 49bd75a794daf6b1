-- +goose Up
-- Agreement documents (issue 12 item 5, SPEC B4 tool 7): the documents of
-- a customer's Passport Advantage agreement as the IBM side issued them —
-- the agreement itself, its attachments, transaction documents (the
-- enrolment and relationship volume level) and terms — listed with the
-- Proofs of Entitlement on every site of the agreement to users with
-- Account-related documents = view. A document without an agreement is
-- the customer's own (an Express customer's terms): every site of the
-- customer sees it. Numbers: AGR-<agreement number, or customer number
-- when there is no agreement>-<three digits>. The content is the
-- document as issued (JSON of models.AgreementDocumentContent), never
-- changed.
CREATE TABLE agreement_documents (
    id           BIGSERIAL PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE CHECK (number ~ '^AGR-[0-9]{4,10}-[0-9]{3}$'),
    customer_id  BIGINT NOT NULL REFERENCES customers(id),
    agreement_id BIGINT REFERENCES agreements(id),
    kind         TEXT NOT NULL CHECK (kind IN ('agreement','attachment','transaction_document','terms')),
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    version      TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 40),
    issued_at    TIMESTAMPTZ NOT NULL,
    content      JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agreement_documents_customer_idx ON agreement_documents (customer_id, issued_at DESC, number DESC);

-- +goose Down
DROP TABLE agreement_documents;
