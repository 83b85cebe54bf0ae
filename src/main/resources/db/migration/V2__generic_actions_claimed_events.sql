-- Generic actions: any channel, with the payload the sink needs (no reads of decision or owner tables).
ALTER TABLE outbound_action DROP CONSTRAINT outbound_action_channel_check;
UPDATE outbound_action SET channel = lower(channel);
ALTER TABLE outbound_action ADD CONSTRAINT outbound_action_channel_check CHECK (channel ~ '^[a-z][a-z0-9-]{0,39}$');
ALTER TABLE outbound_action ADD COLUMN payload jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE outbound_action SET payload = jsonb_build_object('to', recipient);
ALTER TABLE outbound_action DROP COLUMN recipient;
-- set once the action's message is committed on its queue; only unpublished ones are ever published again
ALTER TABLE outbound_action ADD COLUMN published_at timestamptz;
UPDATE outbound_action SET published_at = coalesce(republished_at, created_at);
ALTER TABLE outbound_action DROP COLUMN republished_at;
CREATE INDEX outbound_action_unpublished ON outbound_action (created_at) WHERE published_at IS NULL AND status = 'PENDING';

-- Events are claimed from this table by the decide step (FOR UPDATE SKIP LOCKED), not carried by a queue.
ALTER TABLE hub_event DROP COLUMN republished_at;

-- Earlier offers by unit, owner and moment are looked up set-based for once-per-ownership moments.
CREATE INDEX decision_offered ON decision (unit_id, owner_id, moment) WHERE offer_sku IS NOT NULL;
