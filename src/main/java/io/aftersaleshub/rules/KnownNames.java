package io.aftersaleshub.rules;

import java.util.Map;
import java.util.Set;

/**
 * The names a workbook may use, from the catalogue: product lines, model codes and item SKUs (with their
 * item type, for the lint). An empty set means "not known yet" (an empty catalogue): that kind of name
 * is then not checked, and a warning says so.
 */
public interface KnownNames {

    Set<String> productLines();

    Set<String> modelCodes();

    /** SKU → item type name ({@code WARRANTY_PLAN}, {@code UPGRADE} …). */
    Map<String, String> itemTypes();

    KnownNames NONE = new KnownNames() {
        @Override
        public Set<String> productLines() {
            return Set.of();
        }

        @Override
        public Set<String> modelCodes() {
            return Set.of();
        }

        @Override
        public Map<String, String> itemTypes() {
            return Map.of();
        }
    };
}
