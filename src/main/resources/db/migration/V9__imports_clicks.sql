-- ERP imports (connector.erp): one row per file, its progress and, when refused, its bad lines.
CREATE TABLE erp_import (
    id             uuid        PRIMARY KEY,
    source         text        NOT NULL,             -- 'inbox' or 'api'
    file_name      text        NOT NULL,
    sha256         char(64)    NOT NULL,
    kind           text,
    status         text        NOT NULL CHECK (status IN ('RECEIVED', 'VALIDATING', 'APPLYING', 'DONE', 'FAILED', 'DUPLICATE')),
    lines_read     bigint      NOT NULL DEFAULT 0,
    lines_applied  bigint      NOT NULL DEFAULT 0,
    error_count    bigint      NOT NULL DEFAULT 0,
    errors         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    duplicate_of   uuid        REFERENCES erp_import (id),
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz
);
-- a file's content is applied once: the same bytes again are recorded as DUPLICATE and change nothing
CREATE UNIQUE INDEX erp_import_applied_once ON erp_import (sha256) WHERE status = 'DONE';

-- Tracked offer links (dispatch): the first click of a decision's link, once per decision.
CREATE TABLE offer_click (
    decision_id  uuid        PRIMARY KEY,
    action_id    uuid        NOT NULL REFERENCES outbound_action (id),
    clicked_at   timestamptz NOT NULL DEFAULT now()
);
