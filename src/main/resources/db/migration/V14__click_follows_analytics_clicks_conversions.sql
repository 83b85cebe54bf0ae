-- Tracked offer links (dispatch): the first click of a decision's link is recorded once (clicked_at); every later
-- follow of the same link (the owner again, a mail scanner) only counts here.
ALTER TABLE offer_click ADD COLUMN follows integer NOT NULL DEFAULT 1 CHECK (follows >= 1);

-- Analytics: clicks and conversions as documented views, like analytics_decisions and analytics_deliveries (V11),
-- for BI tools and the "Offer Clicked" and "Order Completed" feeds of the analytics sink.
CREATE VIEW analytics_clicks AS
SELECT c.decision_id,
       c.clicked_at,
       c.follows,
       d.moment,
       d.offer_sku AS sku,
       d.owner_id
FROM offer_click c
JOIN decision d ON d.id = c.decision_id;

COMMENT ON VIEW analytics_clicks IS
    'One row per decision whose offer link was followed: the first click (recorded once) and how often the link was followed.';
COMMENT ON COLUMN analytics_clicks.clicked_at IS 'the first click; the "Offer Clicked" track call''s timestamp';
COMMENT ON COLUMN analytics_clicks.follows IS 'how often the link was followed, the first click included (mail scanners count too)';

CREATE VIEW analytics_conversions AS
SELECT c.decision_id,
       c.order_ref,
       c.matched_by,
       c.revenue,
       c.currency,
       c.converted_at,
       c.refunded,
       c.reversed_at,
       c.created_at AS recorded_at,
       d.moment,
       d.offer_sku  AS sku,
       d.owner_id
FROM measure_conversion c
JOIN decision d ON d.id = c.decision_id;

COMMENT ON VIEW analytics_conversions IS
    'One row per decision an order converted (at most one order per decision), with its revenue; a refund sets reversed_at and adds to refunded.';
COMMENT ON COLUMN analytics_conversions.order_ref IS 'the shop''s order id';
COMMENT ON COLUMN analytics_conversions.matched_by IS 'SKU (the offered SKU ordered inside the attribution window) or DISCOUNT_CODE (the offer''s code used)';
COMMENT ON COLUMN analytics_conversions.revenue IS 'the order lines of the offered SKU (the whole order when a code converted an order without it), in currency';
COMMENT ON COLUMN analytics_conversions.converted_at IS 'when the order was placed';
COMMENT ON COLUMN analytics_conversions.recorded_at IS 'when the hub recorded the conversion (the "Order Completed" feed''s order)';

-- The feeds read in (time, id) order after their checkpoint.
CREATE INDEX offer_click_feed ON offer_click (clicked_at, decision_id);
CREATE INDEX measure_conversion_feed ON measure_conversion (created_at, decision_id);

-- A checkpoint's id is the last reported row's: an action id (deliveries), a decision id (clicks, conversions).
ALTER TABLE analytics_checkpoint RENAME COLUMN action_id TO last_id;
ALTER TABLE analytics_checkpoint RENAME COLUMN sent_at TO last_at;
