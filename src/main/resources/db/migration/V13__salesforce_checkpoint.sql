-- Salesforce cases in (connector.salesforce, connectors/salesforce/README.md).

-- The last Change Data Capture event processed per subscribed channel: its opaque replay id (NULL after a
-- catch-up by query, until the next event) and the time of the change, from which a catch-up reads the closed
-- cases when the replay id can no longer be used. Written in the transaction that ingests the event.
CREATE TABLE salesforce_checkpoint (
    topic       text PRIMARY KEY,
    replay_id   text,
    changed_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Cases to re-read through the REST API: named by a GAP_* event (the change itself was lost) or closed by an
-- event that did not carry the unit and category fields. Removed once what was read is ingested; a case the hub
-- refuses (e.g. an invalid GTIN) stays as REFUSED with the reason.
CREATE TABLE salesforce_pending_read (
    record_id   text PRIMARY KEY,
    reason      text NOT NULL,
    state       text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'REFUSED')),
    noticed_at  timestamptz NOT NULL DEFAULT now(),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text
);
