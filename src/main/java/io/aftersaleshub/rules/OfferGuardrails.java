package io.aftersaleshub.rules;

import io.aftersaleshub.rules.vocabulary.OfferCandidate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What never belongs in a spreadsheet, applied in this order to the candidates a table proposed (highest
 * priority first), each recorded with the candidates it removed:
 * <ol>
 *   <li>{@link Guardrail#COMPATIBLE}: a known catalogue item that fits the unit's model;</li>
 *   <li>{@link Guardrail#NOT_OWNED}: not something the owner already has (a bundle whose contents are all
 *       owned counts as owned);</li>
 *   <li>{@link Guardrail#CONSENT}: without marketing consent the offer is not e-mailed; it removes no
 *       candidate (the storefront may still show it), the e-mail channel reads the consent itself;</li>
 *   <li>{@link Guardrail#FREQUENCY_CAP}: an owner who got as many offers as the cap allows in its window
 *       gets none now: every remaining candidate is removed;</li>
 *   <li>{@link Guardrail#ONE_PER_EVENT}: the highest-priority survivor is the offer, the others are removed.</li>
 * </ol>
 */
public final class OfferGuardrails {

    private OfferGuardrails() {
    }

    public enum Guardrail { COMPATIBLE, NOT_OWNED, CONSENT, FREQUENCY_CAP, ONE_PER_EVENT }

    /**
     * The facts guardrails need, kept apart from the database so that rule cases can use them too.
     * {@code capReached} says the owner already got the most offers the frequency cap allows.
     */
    public record Limits(Predicate<String> known, Predicate<String> compatible, Predicate<String> owned,
                         boolean marketingConsent, boolean capReached) {

        /** Everything allowed but what {@code owned} says is owned: what rule cases check. */
        public static Limits owning(Predicate<String> owned) {
            return new Limits(sku -> true, sku -> true, owned, true, false);
        }
    }

    /** A candidate the table proposed, and the guardrail that removed it (null for the offer). */
    public record Ranked(OfferCandidate candidate, Guardrail removedBy) {
    }

    /** One guardrail as it ran: the SKUs it removed, and what it did besides (e.g. no e-mail), or null. */
    public record Applied(Guardrail guardrail, List<String> removed, String note) {
    }

    /**
     * The offer (or null), every candidate with what removed it, each guardrail's record, and the reason in
     * words, naming every candidate that was turned down.
     */
    public record Choice(OfferCandidate offer, List<Ranked> candidates, List<Applied> applied, String reason) {

        /** Whether the frequency cap took away what would otherwise have been the offer. */
        public boolean capped() {
            return offer == null && candidates.stream().anyMatch(r -> r.removedBy() == Guardrail.FREQUENCY_CAP);
        }
    }

    public static Choice choose(List<OfferCandidate> candidates, Limits limits) {
        if (candidates.isEmpty()) {
            return new Choice(null, List.of(), List.of(), "no rule matched");
        }
        Map<OfferCandidate, Guardrail> removedBy = new LinkedHashMap<>();
        Map<OfferCandidate, String> why = new LinkedHashMap<>();
        List<Applied> applied = new ArrayList<>();

        applied.add(remove(Guardrail.COMPATIBLE, candidates, removedBy, why, c -> !limits.known().test(c.sku())
                ? "is not in the catalogue" : !limits.compatible().test(c.sku()) ? "does not fit the model" : null));
        applied.add(remove(Guardrail.NOT_OWNED, candidates, removedBy, why,
                c -> limits.owned().test(c.sku()) ? "is already owned" : null));
        boolean anyLeft = candidates.stream().anyMatch(c -> !removedBy.containsKey(c));
        applied.add(new Applied(Guardrail.CONSENT, List.of(),
                anyLeft && !limits.marketingConsent() ? "no e-mail: owner gave no marketing consent" : null));
        applied.add(remove(Guardrail.FREQUENCY_CAP, candidates, removedBy, why,
                c -> limits.capReached() ? "is over the frequency cap" : null));
        OfferCandidate offer = candidates.stream().filter(c -> !removedBy.containsKey(c)).findFirst().orElse(null);
        applied.add(remove(Guardrail.ONE_PER_EVENT, candidates, removedBy, why,
                c -> c != offer ? "ranks below the offer" : null));

        List<Ranked> ranked = candidates.stream().map(c -> new Ranked(c, removedBy.get(c))).toList();
        // the reason names what the product guardrails turned down, in priority order
        List<String> refused = new ArrayList<>();
        for (OfferCandidate c : candidates) {
            Guardrail g = removedBy.get(c);
            if (g == Guardrail.COMPATIBLE || g == Guardrail.NOT_OWNED) {
                refused.add(c.sku() + " " + why.get(c));
            }
        }
        String reason;
        if (offer != null) {
            reason = refused.isEmpty() ? "rule matched" : "rule matched after " + String.join("; ", refused);
            if (!limits.marketingConsent()) {
                reason += "; no e-mail: owner gave no marketing consent";
            }
        } else if (limits.capReached() && anyLeft) {
            reason = "frequency cap: the owner already got the most offers allowed in the cap's window";
        } else {
            reason = "every candidate refused: " + String.join("; ", refused);
        }
        return new Choice(offer, ranked, List.copyOf(applied), reason);
    }

    /** Removes, of the candidates still in, those {@code test} gives a reason for. */
    private static Applied remove(Guardrail g, List<OfferCandidate> candidates, Map<OfferCandidate, Guardrail> removedBy,
                                  Map<OfferCandidate, String> why, java.util.function.Function<OfferCandidate, String> test) {
        List<String> removed = new ArrayList<>();
        for (OfferCandidate c : candidates) {
            if (removedBy.containsKey(c)) {
                continue;
            }
            String w = test.apply(c);
            if (w != null) {
                removedBy.put(c, g);
                why.put(c, w);
                removed.add(c.sku());
            }
        }
        return new Applied(g, List.copyOf(removed), null);
    }
}
