package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aftersaleshub.rules.TemplateColumn.ValueType;
import io.aftersaleshub.rules.vocabulary.Moment;

/**
 * Warnings about rows that are valid but likely wrong: a row that can never win (an earlier row with the
 * same or a broader condition, the same SKU and a priority at least as high), a duplicate row, a moment
 * no row offers anything at, and an item type that makes no sense at its moment (an upgrade at
 * registration, a warranty plan for a unit whose warranty has ended).
 */
public final class RuleLint {

    private RuleLint() {
    }

    public static List<CellProblem> warnings(List<OfferRow> rows, KnownNames known) {
        List<CellProblem> out = new ArrayList<>();
        // only rows offering the same SKU can shadow each other: compare within those groups
        Map<String, List<Integer>> bySku = new HashMap<>();
        for (int j = 0; j < rows.size(); j++) {
            bySku.computeIfAbsent(String.valueOf(rows.get(j).sku()), k -> new ArrayList<>()).add(j);
        }
        List<Conditions> ranges = rows.stream().map(Conditions::of).toList();
        int[] priority = rows.stream().mapToInt(OfferRow::priority).toArray();
        Map<Integer, CellProblem> found = new java.util.TreeMap<>();
        for (List<Integer> group : bySku.values()) {
            EarlierRows earlier = new EarlierRows();
            for (int j : group) {
                OfferRow b = rows.get(j);
                for (int i : earlier.thatMayCover(ranges.get(j))) {
                    if (priority[i] < priority[j] || !ranges.get(i).covers(ranges.get(j))) {
                        continue;
                    }
                    OfferRow a = rows.get(i);
                    found.put(j, ranges.get(j).covers(ranges.get(i))
                            ? warning(b, "duplicates row '" + a.name() + "' (" + a.nameCell() + "): same conditions, same offer")
                            : warning(b, "can never win: row '" + a.name() + "' (" + a.nameCell()
                                    + ") matches whenever it does, offers the same SKU and has a priority at least as high"));
                    break;
                }
                earlier.add(j, ranges.get(j));
            }
        }
        out.addAll(found.values());
        Set<String> covered = new HashSet<>();
        for (OfferRow row : rows) {
            List<String> moments = row.allowed("moment");
            if (moments == null) {
                for (Moment m : Moment.values()) {
                    covered.add(m.name());
                }
            } else {
                covered.addAll(moments);
            }
            String type = row.sku() == null ? null : known.itemTypes().get(row.sku());
            if ("UPGRADE".equals(type) && (moments == null || moments.contains(Moment.REGISTRATION.name()))) {
                out.add(skuWarning(row, "offers an upgrade (" + row.sku() + ") at REGISTRATION, to an owner who has just bought the unit"));
            }
            if ("WARRANTY_PLAN".equals(type) && Boolean.FALSE.equals(flag(row, "warrantyActive"))) {
                out.add(skuWarning(row, "offers a warranty plan (" + row.sku() + ") to units whose warranty has ended"));
            }
        }
        if (!rows.isEmpty()) {
            for (Moment m : Moment.values()) {
                if (!covered.contains(m.name())) {
                    out.add(new CellProblem(rows.get(0).workbook(), rows.get(0).sheet(), null,
                            "no row offers anything at " + m.name()));
                }
            }
        }
        return out;
    }

    private static CellProblem warning(OfferRow row, String message) {
        return new CellProblem(row.workbook(), row.sheet(), row.nameCell(), "row '" + row.name() + "' " + message);
    }

    private static CellProblem skuWarning(OfferRow row, String message) {
        String cell = row.action(TemplateColumn.OFFER).map(OfferRow.Value::cell).orElse(row.nameCell());
        return new CellProblem(row.workbook(), row.sheet(), cell, "row '" + row.name() + "' " + message);
    }

    private static Boolean flag(OfferRow row, String fact) {
        return row.conditions().stream().filter(v -> v.column().name().equals(fact) && v.value() instanceof Boolean)
                .map(v -> (Boolean) v.value()).findFirst().orElse(null);
    }

    /** A row's conditions by fact, computed once: names allowed, true/false, numeric intervals [low, high]. */
    private record Conditions(Map<String, List<String>> names, Map<String, Boolean> flags, Map<String, long[]> ranges) {

        static Conditions of(OfferRow row) {
            Map<String, List<String>> names = new HashMap<>();
            Map<String, Boolean> flags = new HashMap<>();
            for (OfferRow.Value v : row.conditions()) {
                if (v.column().type() == ValueType.TEXT) {
                    names.put(v.column().name(), ((List<?>) v.value()).stream().map(String::valueOf).toList());
                } else if (v.column().type() == ValueType.TRUE_FALSE) {
                    flags.put(v.column().name(), (Boolean) v.value());
                }
            }
            return new Conditions(names, flags, RuleLint.ranges(row));
        }

        /** Whether every fact set that matches {@code other} also matches this. */
        boolean covers(Conditions other) {
            for (var e : names.entrySet()) {
                List<String> inOther = other.names.get(e.getKey());
                if (inOther == null || !e.getValue().containsAll(inOther)) {
                    return false;
                }
            }
            for (var e : flags.entrySet()) {
                if (!e.getValue().equals(other.flags.get(e.getKey()))) {
                    return false;
                }
            }
            for (var e : ranges.entrySet()) {
                long[] inOther = other.ranges.getOrDefault(e.getKey(), new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
                if (inOther[0] < e.getValue()[0] || inOther[1] > e.getValue()[1]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The earlier rows of one SKU, indexed by the names their text conditions allow, so that a 5,000-row
     * table is not compared pair by pair: a row that tests fact F can only cover a row that tests F with
     * a subset of its names, so the candidates for row j are the rows that leave F open plus those that
     * allow j's first name for F — for the fact that gives the fewest.
     */
    private static final class EarlierRows {
        private final List<Integer> all = new ArrayList<>();
        private final Map<String, List<Integer>> leavingOpen = new HashMap<>();
        private final Map<String, Map<String, List<Integer>>> allowing = new HashMap<>();

        void add(int row, Conditions c) {
            for (String fact : allowing.keySet()) {
                if (!c.names.containsKey(fact)) {
                    leavingOpen.get(fact).add(row);
                }
            }
            for (var e : c.names.entrySet()) {
                if (!allowing.containsKey(e.getKey())) {
                    allowing.put(e.getKey(), new HashMap<>());
                    leavingOpen.put(e.getKey(), new ArrayList<>(all)); // every earlier row left this fact open
                }
                for (String name : e.getValue()) {
                    allowing.get(e.getKey()).computeIfAbsent(name, k -> new ArrayList<>()).add(row);
                }
            }
            all.add(row);
        }

        /** Earlier rows, in order, that may cover {@code c}; every row that does is among them. */
        List<Integer> thatMayCover(Conditions c) {
            List<Integer> best = all;
            for (var e : allowing.entrySet()) {
                List<String> names = c.names.get(e.getKey());
                List<Integer> named = names == null || names.isEmpty() ? List.of() : e.getValue().getOrDefault(names.get(0), List.of());
                List<Integer> open = leavingOpen.get(e.getKey());
                if (open.size() + named.size() < best.size()) {
                    best = merged(open, named);
                }
            }
            return best;
        }

        private static List<Integer> merged(List<Integer> a, List<Integer> b) {
            List<Integer> out = new ArrayList<>(a.size() + b.size());
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                out.add(j >= b.size() || (i < a.size() && a.get(i) < b.get(j)) ? a.get(i++) : b.get(j++));
            }
            return out;
        }
    }

    /** Each numeric fact's allowed interval [low, high] in a row. */
    private static Map<String, long[]> ranges(OfferRow row) {
        Map<String, long[]> out = new HashMap<>();
        for (OfferRow.Value v : row.conditions()) {
            if (v.column().type() != ValueType.WHOLE_NUMBER) {
                continue;
            }
            long n = (Integer) v.value();
            long[] r = out.computeIfAbsent(v.column().name(), k -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            switch (v.column().operator()) {
                case ">=" -> r[0] = Math.max(r[0], n);
                case ">" -> r[0] = Math.max(r[0], n + 1);
                case "<=" -> r[1] = Math.min(r[1], n);
                case "<" -> r[1] = Math.min(r[1], n - 1);
                default -> {
                    r[0] = Math.max(r[0], n);
                    r[1] = Math.min(r[1], n);
                }
            }
        }
        return out;
    }
}
