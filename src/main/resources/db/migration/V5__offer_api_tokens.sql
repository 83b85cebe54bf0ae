-- An offer token is redeemed once: the decision id is the unique key of its redemption.
CREATE TABLE offer_redemption (
    decision_id       uuid        PRIMARY KEY REFERENCES decision (id),
    sku               text        NOT NULL,
    discount_percent  integer     NOT NULL,
    redeemed_at       timestamptz NOT NULL
);

-- The offer API answers a repeated call with the latest decision for (unit, owner, moment) inside its window.
CREATE INDEX decision_window ON decision (unit_id, owner_id, moment, decided_at DESC);
