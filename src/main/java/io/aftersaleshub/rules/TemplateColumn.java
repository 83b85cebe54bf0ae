package io.aftersaleshub.rules;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.OfferFacts;

/**
 * A documented column of the offers template: a condition on one fact of the vocabulary, or one of the four
 * actions. The technical header cell of a column must be one of these snippets (spaces do not matter);
 * its cells then hold values only. Conditions are derived from {@link FactValues} (every component with a
 * getter on {@link OfferFacts}), so a new fact is a new column with no change here.
 */
public record TemplateColumn(String snippet, boolean condition, String name, String operator, ValueType type) {

    /** What a value cell of the column holds. */
    public enum ValueType {
        /** a name or a list of names separated by commas */
        TEXT("a name, or names separated by commas"),
        WHOLE_NUMBER("a whole number"),
        TRUE_FALSE("true or false"),
        SKU("one catalogue SKU");

        final String description;

        ValueType(String description) {
            this.description = description;
        }
    }

    public static final String OFFER = "offer";
    public static final String PRIORITY = "priority";
    public static final String DISCOUNT = "discountPercent";
    public static final String VALID_HOURS = "validHours";

    private static final List<String> NUMBER_OPERATORS = List.of("==", ">=", "<=", ">", "<");
    private static final Map<String, TemplateColumn> BY_SNIPPET = new LinkedHashMap<>();

    static {
        for (RecordComponent c : FactValues.class.getRecordComponents()) {
            ValueType type = c.getType() == String.class ? ValueType.TEXT
                    : c.getType() == int.class || c.getType() == long.class ? ValueType.WHOLE_NUMBER
                    : c.getType() == boolean.class ? ValueType.TRUE_FALSE : null;
            if (type == null || !hasGetter(c)) {
                continue;
            }
            List<String> operators = type == ValueType.WHOLE_NUMBER ? NUMBER_OPERATORS : List.of("==");
            for (String op : operators) {
                String snippet = c.getName() + " " + op + " " + (type == ValueType.TEXT ? "\"$param\"" : "$param");
                BY_SNIPPET.put(normalize(snippet), new TemplateColumn(snippet, true, c.getName(), op, type));
            }
        }
        for (String action : List.of(OFFER, PRIORITY, DISCOUNT, VALID_HOURS)) {
            boolean sku = action.equals(OFFER);
            String snippet = "$f." + action + "(drools.getRule().getName(), " + (sku ? "\"$param\"" : "$param") + ");";
            BY_SNIPPET.put(normalize(snippet), new TemplateColumn(snippet, false, action, null,
                    sku ? ValueType.SKU : ValueType.WHOLE_NUMBER));
        }
    }

    private static final java.util.regex.Pattern ATTRIBUTE =
            java.util.regex.Pattern.compile("attribute\\(\"([A-Za-z][A-Za-z0-9_.-]{0,39})\"\\)==\"\\$param\"");

    /**
     * The column a technical header cell declares, if it is a documented one; {@code attribute("name") == "$param"}
     * tests an event attribute the vocabulary has no fact for.
     */
    public static Optional<TemplateColumn> forSnippet(String cell) {
        TemplateColumn known = BY_SNIPPET.get(normalize(cell));
        if (known != null) {
            return Optional.of(known);
        }
        var m = ATTRIBUTE.matcher(normalize(cell));
        return m.matches() ? Optional.of(new TemplateColumn("attribute(\"" + m.group(1) + "\") == \"$param\"", true,
                "attribute(\"" + m.group(1) + "\")", "==", ValueType.TEXT)) : Optional.empty();
    }

    public static List<TemplateColumn> all() {
        return List.copyOf(BY_SNIPPET.values());
    }

    /** The condition snippets, for messages: {@code moment == "$param", …}. */
    public static List<String> conditionSnippets() {
        List<String> out = new ArrayList<>();
        BY_SNIPPET.values().stream().filter(TemplateColumn::condition).forEach(c -> out.add(c.snippet()));
        return out;
    }

    private static boolean hasGetter(RecordComponent c) {
        String cap = Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
        return Arrays.stream(OfferFacts.class.getMethods())
                .anyMatch(m -> m.getParameterCount() == 0 && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap)));
    }

    private static String normalize(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "");
    }
}
