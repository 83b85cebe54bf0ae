package io.aftersaleshub.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The stored rule set versions ({@code rule_version}, {@code rule_version_file}). */
@Repository
public class RuleVersions {

    public enum Status { ACTIVE, INACTIVE, REFUSED }

    /** A version as listed: no file contents. */
    public record Version(long version, Status status, String sha256, String uploadedBy, String source, Instant createdAt,
                          Instant activatedAt, List<String> workbooks, List<CellProblem> errors, List<CellProblem> warnings) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public RuleVersions(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a version with its files; an ACTIVE one replaces the active version in the same transaction. */
    @Transactional
    public long store(List<WorkbookSource> files, String sha256, Status status, String uploadedBy, String source,
                      List<CellProblem> errors, List<CellProblem> warnings) {
        if (status == Status.ACTIVE) {
            jdbc.sql("UPDATE rule_version SET status = 'INACTIVE' WHERE status = 'ACTIVE'").update();
        }
        long version = jdbc.sql("""
                        INSERT INTO rule_version (sha256, status, uploaded_by, source, activated_at, errors, warnings)
                        VALUES (?, ?, ?, ?, CASE WHEN ? THEN now() END, ?::jsonb, ?::jsonb) RETURNING version""")
                .params(sha256, status.name(), uploadedBy, source, status == Status.ACTIVE, write(errors), write(warnings))
                .query(Long.class).single();
        for (WorkbookSource f : files) {
            jdbc.sql("INSERT INTO rule_version_file (version, name, kind, content) VALUES (?, ?, 'WORKBOOK', ?)")
                    .params(version, f.name(), f.workbook()).update();
            if (f.casesCsv() != null) {
                jdbc.sql("INSERT INTO rule_version_file (version, name, kind, content) VALUES (?, ?, 'CASES', ?)")
                        .params(version, WorkbookSource.casesNameFor(f.name()), f.casesCsv().getBytes(StandardCharsets.UTF_8))
                        .update();
            }
        }
        return version;
    }

    /** Makes a stored good version the active one; false when it is unknown or was refused. */
    @Transactional
    public boolean activate(long version) {
        Optional<Version> v = find(version);
        if (v.isEmpty() || v.get().status() == Status.REFUSED) {
            return false;
        }
        jdbc.sql("UPDATE rule_version SET status = 'INACTIVE' WHERE status = 'ACTIVE' AND version <> ?").params(version).update();
        jdbc.sql("UPDATE rule_version SET status = 'ACTIVE', activated_at = now() WHERE version = ?").params(version).update();
        return true;
    }

    public Optional<Long> activeVersion() {
        return jdbc.sql("SELECT version FROM rule_version WHERE status = 'ACTIVE'").query(Long.class).optional();
    }

    /** Whether this content was ever given, good or refused. */
    public boolean seen(String sha256) {
        return jdbc.sql("SELECT count(*) FROM rule_version WHERE sha256 = ?").param(sha256).query(Long.class).single() > 0;
    }

    public List<Version> list() {
        return jdbc.sql(SELECT + " ORDER BY v.version DESC").query((rs, n) -> version(rs)).list();
    }

    public Optional<Version> find(long version) {
        return jdbc.sql(SELECT + " WHERE v.version = ?").param(version).query((rs, n) -> version(rs)).optional();
    }

    /** The version's workbooks, each with its cases. */
    public List<WorkbookSource> files(long version) {
        List<Object[]> rows = jdbc.sql("SELECT name, kind, content FROM rule_version_file WHERE version = ? ORDER BY name")
                .param(version).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)}).list();
        Map<String, byte[]> cases = rows.stream().filter(r -> r[1].equals("CASES"))
                .collect(Collectors.toMap(r -> (String) r[0], r -> (byte[]) r[2]));
        List<WorkbookSource> out = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[1].equals("WORKBOOK")) {
                byte[] c = cases.get(WorkbookSource.casesNameFor((String) r[0]));
                out.add(new WorkbookSource((String) r[0], (byte[]) r[2], c == null ? null : new String(c, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static final String SELECT = """
            SELECT v.version, v.status, v.sha256, v.uploaded_by, v.source, v.created_at, v.activated_at, v.errors::text,
                   v.warnings::text,
                   (SELECT string_agg(f.name, '/' ORDER BY f.name) FROM rule_version_file f
                     WHERE f.version = v.version AND f.kind = 'WORKBOOK') AS workbooks
              FROM rule_version v""";

    private Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        String workbooks = rs.getString("workbooks");
        java.sql.Timestamp activated = rs.getTimestamp("activated_at");
        return new Version(rs.getLong("version"), Status.valueOf(rs.getString("status")), rs.getString("sha256"),
                rs.getString("uploaded_by"), rs.getString("source"), rs.getTimestamp("created_at").toInstant(),
                activated == null ? null : activated.toInstant(),
                workbooks == null ? List.of() : List.of(workbooks.split("/")), read(rs.getString(8)), read(rs.getString(9)));
    }

    private String write(List<CellProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CellProblem> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<CellProblem>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
