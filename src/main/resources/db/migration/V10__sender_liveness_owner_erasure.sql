-- The sender holding an action's claim (its SenderLiveness id): the claim holds while that process's
-- PostgreSQL advisory lock does, so a dead sender's actions move on within seconds.
ALTER TABLE outbound_action ADD COLUMN claimed_by integer;

-- GDPR erasure: the owner row stays (anonymised: e-mail erased-<id>@invalid, no name, country, locale or
-- consent), so that ownerships, purchases and decisions still count; erased_at says when.
ALTER TABLE owner ADD COLUMN erased_at timestamptz;
