-- API keys of integrations. Only the SHA-256 of a key is stored: keys are 256-bit random values, so a
-- fast hash cannot be brute-forced and lets the hub find a key by its hash with one index lookup.
CREATE TABLE api_key (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE,
    scopes      text[]      NOT NULL,
    -- the key given by HUB_BOOTSTRAP_API_KEY: at most one live one, replaced when the value changes
    bootstrap   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX api_key_live_bootstrap ON api_key (bootstrap) WHERE bootstrap AND revoked_at IS NULL;
