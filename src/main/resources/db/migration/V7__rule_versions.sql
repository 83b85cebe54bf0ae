-- Every rule set the hub was given (an upload or new content in the rules folder), good or refused, with
-- its files, who gave it, what was wrong and what was warned about. Exactly one version is ACTIVE: every
-- hub node serves that one (it polls this table), and decision.rules_version holds its number.
CREATE TABLE rule_version (
    version      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256       text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'REFUSED')),
    uploaded_by  text        NOT NULL,
    source       text        NOT NULL CHECK (source IN ('upload', 'folder')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    errors       jsonb       NOT NULL DEFAULT '[]',
    warnings     jsonb       NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX rule_version_one_active ON rule_version ((true)) WHERE status = 'ACTIVE';
CREATE INDEX rule_version_by_sha ON rule_version (sha256);

CREATE TABLE rule_version_file (
    version bigint NOT NULL REFERENCES rule_version (version),
    name    text   NOT NULL,
    kind    text   NOT NULL CHECK (kind IN ('WORKBOOK', 'CASES')),
    content bytea  NOT NULL,
    PRIMARY KEY (version, name)
);
