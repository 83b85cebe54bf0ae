package io.aftersaleshub.owner;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by each module that keeps records naming an owner (events, decisions, outbound actions), so
 * that an owner's export and erasure ({@link OwnerData}) reach them while the owner module depends on none
 * of those modules. Erasure runs in the caller's transaction: the whole erasure commits or nothing does.
 */
public interface PersonalData {

    /** The owner as the records name them: by id, or by e-mail address (stored lower-case). */
    record Subject(UUID ownerId, String email, String name) {
    }

    /** The key of this module's records in the export, e.g. {@code "events"}. */
    String section();

    /** Everything this module holds about the owner, as JSON-ready maps. */
    List<Map<String, Object>> export(Subject owner);

    /** Removes the owner's e-mail address and name from this module's records; keeps what the figures need. */
    void erase(Subject owner);
}
