-- Analytics: documented read-only views over decisions and their deliveries, for BI tools, the CSV export
-- (GET /api/analytics/export) and the "Offer Delivered" feed of the analytics sink. The views are the
-- contract: their columns keep their names and meaning; tables underneath may change.
-- Clicks and conversions get their own views (analytics_clicks, analytics_conversions) from the modules
-- that record them.

CREATE VIEW analytics_decisions AS
SELECT d.id               AS decision_id,
       d.moment,
       d.decided_at,
       u.gtin,
       u.serial,
       pm.model_code,
       d.owner_id,
       o.country          AS owner_country,
       d.offer_sku        AS sku,
       ci.type            AS offer_type,
       d.discount_percent,
       d.expires_at,
       d.rule_name        AS rule,
       d.rules_version,
       d.reason
FROM decision d
LEFT JOIN unit u           ON u.id = d.unit_id
LEFT JOIN product_model pm ON pm.gtin = u.gtin
LEFT JOIN owner o          ON o.id = d.owner_id
LEFT JOIN catalog_item ci  ON ci.sku = d.offer_sku;

COMMENT ON VIEW analytics_decisions IS
    'One row per decision (every event decided, with or without an offer). sku is null when no offer was made; reason says why.';
COMMENT ON COLUMN analytics_decisions.decision_id IS 'the decision, as in GET /api/units/{gtin}/{serial}/decisions';
COMMENT ON COLUMN analytics_decisions.moment IS 'REGISTRATION, SUPPORT_CLOSED, PARTS_VIEWED, ANNIVERSARY, TRANSFERRED, WARRANTY_EXPIRING';
COMMENT ON COLUMN analytics_decisions.decided_at IS 'when the decision was committed';
COMMENT ON COLUMN analytics_decisions.owner_id IS 'pseudonymous owner id (no e-mail address in analytics); null when the unit has no owner';
COMMENT ON COLUMN analytics_decisions.sku IS 'the offered item; null when no offer';
COMMENT ON COLUMN analytics_decisions.rule IS 'the decision-table row that matched (spreadsheet rule name), null when none did';
COMMENT ON COLUMN analytics_decisions.rules_version IS 'content hash of the rule set that decided';
COMMENT ON COLUMN analytics_decisions.reason IS 'why this offer or none, in words';

CREATE VIEW analytics_deliveries AS
SELECT a.id          AS action_id,
       a.decision_id,
       a.channel,
       a.status,
       a.attempts,
       a.created_at,
       a.sent_at,
       d.moment,
       d.offer_sku   AS sku,
       d.owner_id
FROM outbound_action a
JOIN decision d ON d.id = a.decision_id
WHERE a.channel <> 'analytics';

COMMENT ON VIEW analytics_deliveries IS
    'One row per delivery of an offer through a channel (email, marketing-webhook, …); the analytics channel''s own calls are not deliveries and are left out.';
COMMENT ON COLUMN analytics_deliveries.action_id IS 'the delivery (outbound action) id: the messageId of its "Offer Delivered" track call';
COMMENT ON COLUMN analytics_deliveries.status IS 'PENDING (on its way or being retried), SENT, FAILED (see GET /api/ops/failures)';
COMMENT ON COLUMN analytics_deliveries.sent_at IS 'when the channel accepted it; null until SENT';

-- The "Offer Delivered" feed reads sent deliveries in (sent_at, id) order after its checkpoint.
CREATE INDEX outbound_action_sent ON outbound_action (sent_at, id) WHERE status = 'SENT';

-- Where each analytics feed has got to: the last delivery sent to the collector, by (sent_at, action id).
CREATE TABLE analytics_checkpoint (
    feed       text        PRIMARY KEY,
    sent_at    timestamptz NOT NULL,
    action_id  uuid        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
