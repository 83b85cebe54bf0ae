-- Catalogue: what the manufacturer makes and sells around it.
CREATE TABLE product_model (
    gtin             char(14)    PRIMARY KEY,
    model_code       text        NOT NULL UNIQUE,
    product_line     text        NOT NULL,
    warranty_months  integer     NOT NULL CHECK (warranty_months >= 0),
    successor_gtin   char(14)    REFERENCES product_model (gtin),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_item (
    sku         text          PRIMARY KEY,
    type        text          NOT NULL CHECK (type IN ('WARRANTY_PLAN', 'ACCESSORY', 'PART', 'BUNDLE', 'UPGRADE')),
    name        text          NOT NULL,
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    currency    char(3)       NOT NULL,
    updated_at  timestamptz   NOT NULL DEFAULT now()
);

-- Which models an item fits; an item with no row here fits no model and is never offered.
CREATE TABLE item_compatibility (
    sku   text     NOT NULL REFERENCES catalog_item (sku) ON DELETE CASCADE,
    gtin  char(14) NOT NULL REFERENCES product_model (gtin),
    PRIMARY KEY (sku, gtin)
);

CREATE TABLE bundle_content (
    bundle_sku  text NOT NULL REFERENCES catalog_item (sku) ON DELETE CASCADE,
    item_sku    text NOT NULL REFERENCES catalog_item (sku),
    PRIMARY KEY (bundle_sku, item_sku)
);

-- Serialized units: GTIN + serial is the GS1 identity.
CREATE TABLE unit (
    id               bigserial   PRIMARY KEY,
    gtin             char(14)    NOT NULL REFERENCES product_model (gtin),
    serial           text        NOT NULL,
    batch            text,
    manufactured_on  date,
    market           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (gtin, serial)
);

-- Owners are known by e-mail (stored lower-case); a purchase may create one before registration.
CREATE TABLE owner (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL UNIQUE,
    name               text,
    country            char(2),
    locale             text,
    marketing_consent  boolean     NOT NULL DEFAULT false,
    consent_changed_at timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ownership (
    id             uuid        PRIMARY KEY,
    unit_id        bigint      NOT NULL REFERENCES unit (id),
    owner_id       uuid        NOT NULL REFERENCES owner (id),
    owned_from     timestamptz NOT NULL,
    owned_to       timestamptz,
    purchase_date  date        NOT NULL,
    channel        text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- A unit has at most one current owner.
CREATE UNIQUE INDEX ownership_current_owner ON ownership (unit_id) WHERE owned_to IS NULL;
CREATE INDEX ownership_owner ON ownership (owner_id);

CREATE TABLE purchase (
    id            bigserial     PRIMARY KEY,
    owner_id      uuid          NOT NULL REFERENCES owner (id),
    sku           text          NOT NULL,
    order_ref     text          NOT NULL,
    amount        numeric(12,2) NOT NULL CHECK (amount >= 0),
    currency      char(3)       NOT NULL,
    purchased_at  timestamptz   NOT NULL,
    source        text          NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (order_ref, sku)
);
CREATE INDEX purchase_owner ON purchase (owner_id);

-- Canonical events; (source, source_event_id) drops redeliveries.
CREATE TABLE hub_event (
    id               uuid        PRIMARY KEY,
    type             text        NOT NULL,
    source           text        NOT NULL,
    source_event_id  text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    gtin             char(14)    NOT NULL,
    serial           text        NOT NULL,
    owner_email      text,
    attributes       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status           text        NOT NULL CHECK (status IN ('RECEIVED', 'DECIDED', 'STORED', 'FAILED')),
    last_error       text,
    republished_at   timestamptz,
    UNIQUE (source, source_event_id)
);
CREATE INDEX hub_event_waiting ON hub_event (received_at) WHERE status = 'RECEIVED';

-- One decision per event: the unique event_id makes redelivered events harmless.
CREATE TABLE decision (
    id                uuid        PRIMARY KEY,
    event_id          uuid        NOT NULL UNIQUE REFERENCES hub_event (id),
    moment            text        NOT NULL,
    unit_id           bigint      REFERENCES unit (id),
    owner_id          uuid        REFERENCES owner (id),
    offer_sku         text        REFERENCES catalog_item (sku),
    discount_percent  integer,
    expires_at        timestamptz,
    reason            text        NOT NULL,
    rules_version     text        NOT NULL,
    rule_name         text,
    decided_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_unit ON decision (unit_id);

-- Outbox: actions written with their decision, then routed to sinks through Artemis.
CREATE TABLE outbound_action (
    id               uuid        PRIMARY KEY,
    decision_id      uuid        NOT NULL REFERENCES decision (id),
    channel          text        NOT NULL CHECK (channel IN ('EMAIL')),
    idempotency_key  text        NOT NULL UNIQUE,
    recipient        text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    republished_at   timestamptz,
    -- a sender claims an action before sending, so two copies of one message never both send
    claimed_until    timestamptz,
    sent_at          timestamptz,
    UNIQUE (decision_id, channel)
);
CREATE INDEX outbound_action_pending ON outbound_action (created_at) WHERE status = 'PENDING';
