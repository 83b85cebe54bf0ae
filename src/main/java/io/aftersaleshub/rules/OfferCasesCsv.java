package io.aftersaleshub.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;

/**
 * Reads a cases file. The header names the columns, in any order: {@code case}, {@code expectedSku}
 * (blank: no offer), optionally {@code expectedRule} and {@code ownedSkus} (separated by {@code |}), and
 * any fact of the vocabulary ({@link FactValues}) by its name; a fact left out or blank takes its default
 * (no text, 0, false). {@code attributes} is written {@code name=value|name=value}.
 */
public final class OfferCasesCsv {

    static final List<String> REQUIRED = List.of("case", "moment", "expectedSku");
    static final Set<String> CASE_COLUMNS = Set.of("case", "expectedSku", "expectedRule", "ownedSkus");
    private static final Map<String, RecordComponent> FACTS = new LinkedHashMap<>();

    static {
        for (RecordComponent c : FactValues.class.getRecordComponents()) {
            FACTS.put(c.getName(), c);
        }
    }

    private OfferCasesCsv() {
    }

    /** The fact names a cases file may use as columns. */
    public static Set<String> factNames() {
        return FACTS.keySet();
    }

    public static List<OfferCase> parse(String file, String csv, List<String> problems) {
        List<String> lines = csv.lines().toList();
        List<OfferCase> cases = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add(file + ": is empty; it needs a header row and at least one case");
            return cases;
        }
        List<String> header = split(stripBom(lines.get(0))).stream().map(String::trim).toList();
        Map<String, Integer> col = new HashMap<>();
        int before = problems.size();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!CASE_COLUMNS.contains(name) && !FACTS.containsKey(name)) {
                problems.add(file + " line 1: column '" + name + "' is not a fact; facts: " + String.join(", ", FACTS.keySet()));
            } else if (col.put(name, i) != null) {
                problems.add(file + " line 1: column '" + name + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!col.containsKey(required)) {
                problems.add(file + " line 1: header lacks column '" + required + "' (has " + header + ")");
            }
        }
        if (problems.size() > before) {
            return cases;
        }
        for (int n = 1; n < lines.size(); n++) {
            String raw = lines.get(n);
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            List<String> cells = split(raw);
            int lineNo = n + 1;
            java.util.function.Function<String, String> cell = name -> {
                Integer i = col.get(name);
                return i == null || i >= cells.size() ? "" : cells.get(i).trim();
            };
            List<String> lineProblems = new ArrayList<>();
            FactValues facts = facts(cell, lineProblems);
            if (!lineProblems.isEmpty()) {
                lineProblems.forEach(p -> problems.add(file + " line " + lineNo + ": " + p));
                continue;
            }
            Set<String> owned = new LinkedHashSet<>();
            Arrays.stream(cell.apply("ownedSkus").split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(owned::add);
            cases.add(new OfferCase(file, lineNo, cell.apply("case"), facts, owned, emptyToNull(cell.apply("expectedSku")),
                    emptyToNull(cell.apply("expectedRule"))));
        }
        if (cases.isEmpty()) {
            problems.add(file + ": holds no case");
        }
        return cases;
    }

    private static FactValues facts(java.util.function.Function<String, String> cell, List<String> problems) {
        Object[] args = new Object[FACTS.size()];
        int i = 0;
        for (RecordComponent c : FACTS.values()) {
            args[i++] = value(c, cell.apply(c.getName()), problems);
        }
        String moment = (String) args[0];
        if (moment != null && Moment.named(moment).isEmpty()) {
            problems.add("moment '" + moment + "' is not a moment; moments: " + Moment.names());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            Constructor<FactValues> ctor = FactValues.class.getDeclaredConstructor(
                    Arrays.stream(FactValues.class.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the vocabulary record cannot be built", e);
        }
    }

    private static Object value(RecordComponent c, String text, List<String> problems) {
        Class<?> type = c.getType();
        if (type == int.class) {
            if (text.isEmpty()) {
                return 0;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                problems.add(c.getName() + " must be a whole number, not '" + text + "'");
                return 0;
            }
        }
        if (type == boolean.class) {
            if (!text.isEmpty() && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                problems.add(c.getName() + " must be true or false, not '" + text + "'");
            }
            return text.equalsIgnoreCase("true");
        }
        if (type == Map.class) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String pair : text.split("\\|")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    problems.add(c.getName() + " must be written name=value|name=value, not '" + text + "'");
                    break;
                }
                attributes.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return attributes;
        }
        return emptyToNull(text);
    }

    /** Splits one CSV line; double quotes protect commas, and "" is a quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
