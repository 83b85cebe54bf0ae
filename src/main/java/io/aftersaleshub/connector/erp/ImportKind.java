package io.aftersaleshub.connector.erp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What an ERP file holds, told by its header row: the required columns, in any order, plus optional ones. */
enum ImportKind {
    MODELS(List.of("gtin", "model", "productLine", "warrantyMonths"), List.of("successorGtin")),
    ITEMS(List.of("sku", "type", "name", "price", "currency"), List.of("contains")),
    COMPATIBILITY(List.of("sku", "gtin"), List.of()),
    UNITS(List.of("gtin", "serial"), List.of("batch", "manufacturedOn", "market")),
    PURCHASES(List.of("ownerEmail", "sku", "orderRef", "amount", "currency", "purchasedAt"), List.of("source"));

    final List<String> required;
    final List<String> optional;

    ImportKind(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose columns the header names exactly (required all there, nothing unknown), or null. */
    static ImportKind of(List<String> header) {
        Set<String> names = new LinkedHashSet<>(header);
        for (ImportKind k : values()) {
            Set<String> allowed = new LinkedHashSet<>(k.required);
            allowed.addAll(k.optional);
            if (names.size() == header.size() && names.containsAll(k.required) && allowed.containsAll(names)) {
                return k;
            }
        }
        return null;
    }

    /** "models (gtin, model, productLine, warrantyMonths[, successorGtin]); items (…)" for a refusal. */
    static String describeAll() {
        List<String> out = new ArrayList<>();
        for (ImportKind k : values()) {
            String opt = k.optional.isEmpty() ? "" : "[, " + String.join(", ", k.optional) + "]";
            out.add(k.label() + " (" + String.join(", ", k.required) + opt + ")");
        }
        return String.join("; ", out);
    }
}
