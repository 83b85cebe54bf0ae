package io.aftersaleshub.offer;

import java.util.List;

import io.aftersaleshub.rules.vocabulary.FactValues;

/**
 * Why a decision came out as it did: the facts as the table saw them (null when the event never reached
 * the table, e.g. an unknown unit), every candidate the table proposed with the guardrail that removed it,
 * and each guardrail in the order it ran with the SKUs it removed.
 */
public record Explanation(FactValues facts, List<Candidate> candidates, List<GuardrailStep> guardrails) {

    public static final Explanation NONE = new Explanation(null, List.of(), List.of());

    public Explanation {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
    }

    /** {@code removedBy} is null for the offer (also a held-out one) and names the guardrail otherwise. */
    public record Candidate(String sku, String ruleName, int priority, String removedBy) {
    }

    /** {@code note} says what the guardrail did besides removing candidates (e.g. no e-mail), else null. */
    public record GuardrailStep(String guardrail, List<String> removed, String note) {
    }
}
