-- The sender holding an action's claim (its SenderLiveness id): the claim holds while that process's
-- PostgreSQL advisory lock does, so a dead sender's actions move on within seconds.
ALTER TABLE outbound_action ADD COLUMN claimed_by integer;
