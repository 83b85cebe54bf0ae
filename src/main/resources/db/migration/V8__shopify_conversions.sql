-- Shopify webhooks as delivered: the raw bytes that were signed, kept until processed. The delivery id is
-- X-Shopify-Event-Id (X-Shopify-Webhook-Id when absent): a redelivery is stored once.
CREATE TABLE shopify_webhook (
    id            bigserial   PRIMARY KEY,
    delivery_id   text        NOT NULL UNIQUE,
    topic         text        NOT NULL,
    shop_domain   text,
    body          bytea       NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    status        text        NOT NULL CHECK (status IN ('RECEIVED', 'PROCESSED', 'DUPLICATE', 'IGNORED', 'FAILED')),
    -- the order (orders/*) or the refunded order (refunds/create), once processed
    order_id      bigint,
    -- what processing did, in words ("2 purchases, 1 conversion", "no customer e-mail")
    outcome       text,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text,
    processed_at  timestamptz
);
CREATE INDEX shopify_webhook_waiting ON shopify_webhook (received_at) WHERE status = 'RECEIVED';
CREATE INDEX shopify_webhook_order ON shopify_webhook (order_id, topic) WHERE order_id IS NOT NULL;

-- One discount code per decision, created in the shop through the Admin API.
CREATE TABLE shopify_discount_code (
    decision_id  uuid        PRIMARY KEY,
    code         text        NOT NULL UNIQUE,
    discount_id  text        NOT NULL,
    variant_id   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- measure: what each offer was (kept from OffersDecided, never read from the offer module's tables) ...
CREATE TABLE measure_attribution (
    decision_id    uuid        PRIMARY KEY,
    owner_email    text        NOT NULL,
    moment         text        NOT NULL,
    sku            text        NOT NULL,
    discount_code  text        UNIQUE,
    decided_at     timestamptz NOT NULL
);
CREATE INDEX measure_attribution_owner ON measure_attribution (owner_email, decided_at);

-- ... and the order that converted it: one conversion per decision.
CREATE TABLE measure_conversion (
    decision_id   uuid          PRIMARY KEY REFERENCES measure_attribution (decision_id),
    order_ref     text          NOT NULL,
    matched_by    text          NOT NULL CHECK (matched_by IN ('SKU', 'DISCOUNT_CODE')),
    revenue       numeric(12,2) NOT NULL CHECK (revenue >= 0),
    currency      char(3)       NOT NULL,
    converted_at  timestamptz   NOT NULL,
    refunded      numeric(12,2) NOT NULL DEFAULT 0,
    reversed_at   timestamptz,
    created_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX measure_conversion_order ON measure_conversion (order_ref);

-- A refund counts once against a conversion, however often it is delivered.
CREATE TABLE measure_conversion_refund (
    decision_id  uuid          NOT NULL REFERENCES measure_conversion (decision_id),
    refund_ref   text          NOT NULL,
    amount       numeric(12,2) NOT NULL,
    refunded_at  timestamptz   NOT NULL,
    PRIMARY KEY (decision_id, refund_ref)
);
