package io.aftersaleshub.rules;

import java.util.List;
import java.util.Optional;

/**
 * One rule of a workbook, as data: its name and the values of its condition and action cells (blank
 * cells left out). A {@link RuleSet} keeps its rows, for the lint, the diff and the simulation.
 *
 * @param sheet    the sheet it is on
 * @param nameCell where its name is, e.g. {@code A12}
 */
public record OfferRow(String workbook, String sheet, String nameCell, String name, List<Value> values) {

    /**
     * One filled cell. {@code value} is a {@code List<String>} (names), an {@code Integer} or a {@code Boolean}.
     *
     * @param label the column's label in the template (row under the technical header), e.g. {@code Model}
     */
    public record Value(TemplateColumn column, String label, String cell, String text, Object value) {
    }

    public List<Value> conditions() {
        return values.stream().filter(v -> v.column().condition()).toList();
    }

    public Optional<Value> action(String name) {
        return values.stream().filter(v -> !v.column().condition() && v.column().name().equals(name)).findFirst();
    }

    public String sku() {
        return action(TemplateColumn.OFFER).map(v -> (String) v.value()).orElse(null);
    }

    public int priority() {
        return action(TemplateColumn.PRIORITY).map(v -> (Integer) v.value()).orElse(0);
    }

    /** The names a TEXT condition on {@code fact} allows, or null when the row does not test it. */
    public List<String> allowed(String fact) {
        return conditions().stream().filter(v -> v.column().name().equals(fact)
                        && v.column().type() == TemplateColumn.ValueType.TEXT)
                .map(v -> castList(v.value())).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** {@code offers.drl.xlsx › Offers › A12}, for messages. */
    public String where() {
        return workbook + " › " + sheet + " › " + nameCell;
    }
}
