package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Rows added, removed and changed between two versions, matched by row name. */
public record RuleDiff(long version, long against, List<String> added, List<String> removed, List<Changed> changed) {

    /** A row present in both with different cells: each changed column with its old and new text (null = blank). */
    public record Changed(String row, List<Cell> cells) {
    }

    public record Cell(String column, String from, String to) {
    }

    /** What {@code version} changes relative to {@code against}. */
    public static RuleDiff of(long version, List<OfferRow> rows, long against, List<OfferRow> againstRows) {
        Map<String, OfferRow> now = byName(rows);
        Map<String, OfferRow> before = byName(againstRows);
        List<String> added = now.keySet().stream().filter(n -> !before.containsKey(n)).toList();
        List<String> removed = before.keySet().stream().filter(n -> !now.containsKey(n)).toList();
        List<Changed> changed = new ArrayList<>();
        for (var e : now.entrySet()) {
            OfferRow old = before.get(e.getKey());
            if (old == null) {
                continue;
            }
            Map<String, String> a = cells(old);
            Map<String, String> b = cells(e.getValue());
            Set<String> columns = new LinkedHashSet<>(a.keySet());
            columns.addAll(b.keySet());
            List<Cell> cells = columns.stream().filter(c -> !Objects.equals(a.get(c), b.get(c)))
                    .map(c -> new Cell(c, a.get(c), b.get(c))).toList();
            if (!cells.isEmpty()) {
                changed.add(new Changed(e.getKey(), cells));
            }
        }
        return new RuleDiff(version, against, added, removed, changed);
    }

    private static Map<String, OfferRow> byName(List<OfferRow> rows) {
        Map<String, OfferRow> out = new LinkedHashMap<>();
        rows.forEach(r -> out.putIfAbsent(r.name(), r));
        return out;
    }

    /** Column (its label, else its snippet) → normalized value text. */
    private static Map<String, String> cells(OfferRow row) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OfferRow.Value v : row.values()) {
            String key = v.label() != null && !v.label().isBlank() ? v.label() : v.column().snippet();
            out.put(key, v.value() instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                    : String.valueOf(v.value()));
        }
        return out;
    }
}
