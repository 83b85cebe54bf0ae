package io.aftersaleshub.rules;

import java.util.List;

import io.aftersaleshub.rules.vocabulary.OfferFacts;
import org.kie.api.runtime.StatelessKieSession;

/** Runs a rule set over many facts in one stateless session; each fact collects its own proposals. Pure, no I/O. */
public final class OfferEvaluator {

    private OfferEvaluator() {
    }

    public static void evaluate(RuleSet ruleSet, List<OfferFacts> facts) {
        if (facts.isEmpty() || ruleSet.isEmpty()) {
            return;
        }
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.execute(facts);
    }
}
