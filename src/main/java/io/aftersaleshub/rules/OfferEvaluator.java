package io.aftersaleshub.rules;

import java.util.List;

import io.aftersaleshub.offer.OfferCandidate;
import io.aftersaleshub.offer.OfferContext;
import org.kie.api.runtime.StatelessKieSession;

/** Runs a rule set over one context in a stateless session; pure, no I/O. */
public final class OfferEvaluator {

    private OfferEvaluator() {
    }

    public static List<OfferCandidate> evaluate(RuleSet ruleSet, OfferContext context) {
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.execute(context);
        return context.candidates();
    }
}
