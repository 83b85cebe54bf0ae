package io.aftersaleshub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys, stored as the SHA-256 of the key. A generated key is 32 random bytes, so its hash cannot be
 * reversed by guessing and a fast hash is enough (slow password hashes are for low-entropy secrets); the
 * hash is also what the key is looked up by. A key found is remembered for {@link #REMEMBER} on this
 * node; revoking removes it from this node's memory at once, other nodes forget it within that time.
 */
@Component
public class ApiKeys {

    /** How long a node trusts a key it looked up; the delay before a revoke reaches other nodes. */
    static final Duration REMEMBER = Duration.ofSeconds(5);
    static final String PREFIX = "hub_";

    /** A key holder as requests see it. */
    public record Holder(UUID id, String name, Set<Scope> scopes) {
    }

    /** A key as {@code GET /api/keys} lists it: never the key itself. */
    public record Listed(UUID id, String name, List<String> scopes, boolean bootstrap, Instant createdAt, Instant revokedAt) {
    }

    /** A new key: the only time its value is shown. */
    public record Created(UUID id, String name, String key, List<String> scopes) {
    }

    private record Remembered(Holder holder, long until) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Holder> find(String key) {
        String hash = HexFormat.of().formatHex(sha256(key));
        long now = System.nanoTime();
        Remembered r = remembered.get(hash);
        if (r != null && now - r.until() < 0) {
            return Optional.of(r.holder());
        }
        Optional<Holder> holder = jdbc.sql("SELECT id, name, scopes FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(sha256(key))
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), scopes(rs.getArray(3))))
                .optional();
        if (holder.isPresent()) {
            if (remembered.size() > 10_000) {
                remembered.clear();
            }
            remembered.put(hash, new Remembered(holder.get(), now + REMEMBER.toNanos()));
        } else {
            remembered.remove(hash);
        }
        return holder;
    }

    @Transactional
    public Created create(String name, Set<Scope> scopes) {
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        UUID id = UUID.randomUUID();
        List<String> labels = labels(scopes);
        jdbc.sql("INSERT INTO api_key (id, name, key_hash, scopes) VALUES (?, ?, ?, ?)")
                .params(id, name, sha256(key), labels.toArray(String[]::new))
                .update();
        return new Created(id, name, key, labels);
    }

    public List<Listed> list() {
        return jdbc.sql("SELECT id, name, scopes, bootstrap, created_at, revoked_at FROM api_key ORDER BY created_at, id")
                .query((rs, n) -> new Listed(rs.getObject(1, UUID.class), rs.getString(2), labels(scopes(rs.getArray(3))),
                        rs.getBoolean(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Revokes a key; false when no such live key exists. Effective on this node at once. */
    @Transactional
    public boolean revoke(UUID id) {
        int rows = jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(id).update();
        remembered.values().removeIf(r -> r.holder().id().equals(id));
        return rows == 1;
    }

    /**
     * Makes {@code key} the bootstrap key with every scope: nothing changes when it already is; another
     * bootstrap key (an earlier value) is revoked.
     */
    @Transactional
    public void bootstrap(String key) {
        byte[] hash = sha256(key);
        String[] all = labels(EnumSet.allOf(Scope.class)).toArray(String[]::new);
        jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL AND key_hash <> ?")
                .param(hash).update();
        jdbc.sql("""
                        INSERT INTO api_key (id, name, key_hash, scopes, bootstrap) VALUES (?, 'bootstrap', ?, ?, true)
                        ON CONFLICT (key_hash) DO UPDATE SET scopes = excluded.scopes, bootstrap = true, revoked_at = NULL
                        """)
                .params(UUID.randomUUID(), hash, all)
                .update();
        remembered.clear();
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static Set<Scope> scopes(Array array) throws java.sql.SQLException {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        Arrays.stream((String[]) array.getArray()).map(Scope::parse).flatMap(Optional::stream).forEach(out::add);
        return out;
    }

    private static List<String> labels(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::label).toList();
    }
}
