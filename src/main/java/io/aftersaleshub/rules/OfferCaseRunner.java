package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.aftersaleshub.rules.vocabulary.OfferFacts;

/**
 * Runs expected cases against a rule set, with the already-owned guardrail applied as in production
 * (the catalogue and compatibility are taken as allowing every SKU the table names).
 */
public final class OfferCaseRunner {

    private OfferCaseRunner() {
    }

    /** One line per case that did not come out as expected; empty when all pass. */
    public static List<String> failures(RuleSet ruleSet, List<OfferCase> cases) {
        List<OfferFacts> facts = cases.stream().map(c -> new OfferFacts(c.facts())).toList();
        OfferEvaluator.evaluate(ruleSet, facts);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            OfferCase c = cases.get(i);
            var choice = OfferGuardrails.choose(facts.get(i).candidates(),
                    OfferGuardrails.Limits.owning(c.ownedSkus()::contains));
            String gotSku = choice.offer() == null ? null : choice.offer().sku();
            String gotRule = choice.offer() == null ? null : choice.offer().ruleName();
            boolean ok = Objects.equals(c.expectedSku(), gotSku)
                    && (c.expectedRule() == null || Objects.equals(c.expectedRule(), gotRule));
            if (!ok) {
                failures.add(c.file() + " line " + c.line() + " (" + c.name() + "): expected "
                        + describe(c.expectedSku(), c.expectedRule()) + " but got " + describe(gotSku, gotRule));
            }
        }
        return failures;
    }

    private static String describe(String sku, String rule) {
        return sku == null ? "no offer" : sku + (rule == null ? "" : " from row '" + rule + "'");
    }
}
