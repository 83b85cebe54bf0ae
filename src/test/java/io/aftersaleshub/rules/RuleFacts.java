package io.aftersaleshub.rules;

import java.util.Map;

import io.aftersaleshub.rules.vocabulary.FactValues;

/** Facts for tests: a registration of a new unit with a running warranty, owner in Germany. */
final class RuleFacts {

    private RuleFacts() {
    }

    static FactValues registration(String productLine, String modelCode) {
        return new FactValues("REGISTRATION", productLine, modelCode, "EU", "web", "DE", 0, 0, 1, true, 730, false, false,
                null, null, false, 0, Map.of());
    }
}
