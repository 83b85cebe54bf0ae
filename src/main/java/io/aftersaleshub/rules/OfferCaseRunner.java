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

    /** One problem per case that did not come out as expected, naming the row that won instead; empty when all pass. */
    public static List<CellProblem> failures(RuleSet ruleSet, List<OfferCase> cases) {
        List<OfferFacts> facts = cases.stream().map(c -> new OfferFacts(c.facts())).toList();
        OfferEvaluator.evaluate(ruleSet, facts);
        List<CellProblem> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            OfferCase c = cases.get(i);
            var choice = OfferGuardrails.choose(facts.get(i).candidates(),
                    OfferGuardrails.Limits.owning(c.ownedSkus()::contains));
            String gotSku = choice.offer() == null ? null : choice.offer().sku();
            String gotRule = choice.offer() == null ? null : choice.offer().ruleName();
            boolean ok = Objects.equals(c.expectedSku(), gotSku)
                    && (c.expectedRule() == null || Objects.equals(c.expectedRule(), gotRule));
            if (!ok) {
                failures.add(new CellProblem(c.file(), null, "line " + c.line(), "(" + c.name() + "): expected "
                        + describe(null, c.expectedSku(), c.expectedRule()) + " but got " + describe(ruleSet, gotSku, gotRule)));
            }
        }
        return failures;
    }

    private static String describe(RuleSet ruleSet, String sku, String rule) {
        if (sku == null) {
            return "no offer";
        }
        if (rule == null) {
            return sku;
        }
        if (ruleSet == null) {
            return sku + " from row '" + rule + "'";
        }
        String where = ruleSet.rows().stream().filter(r -> r.name().equals(rule)).findFirst()
                .map(r -> " at " + r.where()).orElse("");
        return sku + " from row '" + rule + "'" + where;
    }
}
