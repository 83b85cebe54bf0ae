-- Daily job (module schedule): one row per day whose anniversaries and warranty notices were all emitted.
-- The newest row is where a restarted hub catches up from; the events themselves are made once by the
-- (source, source_event_id) dedupe, so two nodes running the same day at once are harmless.
CREATE TABLE daily_job_day (
    day               date        PRIMARY KEY,
    completed_at      timestamptz NOT NULL,
    scanned           bigint      NOT NULL,
    anniversaries     integer     NOT NULL,
    warranty_notices  integer     NOT NULL
);

-- Ownership transfer (module transfer): the new ownership remembers the one it came from, so that its
-- anniversaries count from the transfer, not from the unit's purchase date.
ALTER TABLE ownership ADD COLUMN transferred_from uuid REFERENCES ownership (id);

-- A transfer started by the current owner: a one-time token (only its SHA-256 is kept), valid until expires_at.
CREATE TABLE ownership_transfer (
    id                 uuid        PRIMARY KEY,
    unit_id            bigint      NOT NULL REFERENCES unit (id),
    gtin               char(14)    NOT NULL,
    serial             text        NOT NULL,
    from_ownership_id  uuid        NOT NULL REFERENCES ownership (id),
    new_owner_email    text        NOT NULL,
    token_hash         char(64)    NOT NULL UNIQUE,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    completed_at       timestamptz,
    to_ownership_id    uuid        REFERENCES ownership (id)
);
CREATE INDEX ownership_transfer_unit ON ownership_transfer (unit_id);

-- A second identity of an event besides its source event id: for support.case_closed the case id, so that
-- one case gives one event (and one decision) whatever event ids its source sends. Older rows keep NULL.
ALTER TABLE hub_event ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX hub_event_dedupe ON hub_event (source, type, dedupe_key) WHERE dedupe_key IS NOT NULL;
