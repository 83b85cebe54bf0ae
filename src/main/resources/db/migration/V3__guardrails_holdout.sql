-- Every decision records what it did (status), the facts as the decision table saw them, every candidate
-- the table proposed with the guardrail that removed it, and the guardrails in the order they ran.
ALTER TABLE decision ADD COLUMN status text;
UPDATE decision SET status = CASE WHEN offer_sku IS NULL THEN 'NO_OFFER' ELSE 'OFFERED' END;
ALTER TABLE decision ALTER COLUMN status SET NOT NULL;
ALTER TABLE decision ADD CONSTRAINT decision_status_check CHECK (status IN ('OFFERED', 'HOLDOUT', 'CAPPED', 'NO_OFFER'));
-- HOLDOUT decisions keep the offer they would have made; only OFFERED ones deliver it
ALTER TABLE decision ADD CONSTRAINT decision_offer_check CHECK ((offer_sku IS NOT NULL) = (status IN ('OFFERED', 'HOLDOUT')));
ALTER TABLE decision ADD COLUMN facts jsonb;
ALTER TABLE decision ADD COLUMN candidates jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE decision ADD COLUMN guardrails jsonb NOT NULL DEFAULT '[]'::jsonb;

-- The frequency cap and the offersLast30Days fact count an owner's delivered offers, set-based per batch.
CREATE INDEX decision_delivered ON decision (owner_id, decided_at) WHERE status = 'OFFERED';

-- The newOwner fact: units with an ended ownership (a transfer), looked up per batch.
CREATE INDEX ownership_ended ON ownership (unit_id) WHERE owned_to IS NOT NULL;
