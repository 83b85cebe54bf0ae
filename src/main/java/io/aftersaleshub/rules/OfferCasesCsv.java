package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cases file. Columns (header row, any order): case, moment, productLine, modelCode,
 * warrantyActive, unitAgeDays, ownerCountry, ownedSkus (separated by {@code |}), expectedSku (blank: no
 * offer), expectedRule (optional).
 */
public final class OfferCasesCsv {

    static final List<String> REQUIRED = List.of("case", "moment", "productLine", "expectedSku");

    private OfferCasesCsv() {
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
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        for (String required : REQUIRED) {
            if (!col.containsKey(required)) {
                problems.add(file + " line 1: header lacks column '" + required + "' (has " + header + ")");
            }
        }
        if (!problems.isEmpty()) {
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
            String warranty = cell.apply("warrantyActive");
            if (!warranty.isEmpty() && !warranty.equalsIgnoreCase("true") && !warranty.equalsIgnoreCase("false")) {
                problems.add(file + " line " + lineNo + ": warrantyActive must be true or false, not '" + warranty + "'");
                continue;
            }
            int age;
            try {
                age = cell.apply("unitAgeDays").isEmpty() ? 0 : Integer.parseInt(cell.apply("unitAgeDays"));
            } catch (NumberFormatException e) {
                problems.add(file + " line " + lineNo + ": unitAgeDays must be a whole number, not '" + cell.apply("unitAgeDays") + "'");
                continue;
            }
            Set<String> owned = new LinkedHashSet<>();
            Arrays.stream(cell.apply("ownedSkus").split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(owned::add);
            cases.add(new OfferCase(file, lineNo, cell.apply("case"), cell.apply("moment"), cell.apply("productLine"),
                    emptyToNull(cell.apply("modelCode")), warranty.isEmpty() || Boolean.parseBoolean(warranty), age,
                    emptyToNull(cell.apply("ownerCountry")), owned, emptyToNull(cell.apply("expectedSku")),
                    emptyToNull(cell.apply("expectedRule"))));
        }
        if (cases.isEmpty()) {
            problems.add(file + ": holds no case");
        }
        return cases;
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
