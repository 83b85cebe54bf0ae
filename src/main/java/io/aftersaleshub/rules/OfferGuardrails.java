package io.aftersaleshub.rules;

import io.aftersaleshub.rules.vocabulary.OfferCandidate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What never belongs in a spreadsheet: an offer must be a known catalogue item, fit the unit's model,
 * and not be something the owner already has. The first candidate (by priority) that passes wins.
 */
public final class OfferGuardrails {

    private OfferGuardrails() {
    }

    /** The facts guardrails need, kept apart from the database so that rule cases can use them too. */
    public record Limits(Predicate<String> known, Predicate<String> compatible, Predicate<String> owned) {
    }

    /** The chosen candidate (or null) and why, naming every candidate that was turned down. */
    public record Choice(OfferCandidate offer, String reason) {
    }

    public static Choice choose(List<OfferCandidate> candidates, Limits limits) {
        if (candidates.isEmpty()) {
            return new Choice(null, "no rule matched");
        }
        List<String> refused = new ArrayList<>();
        for (OfferCandidate c : candidates) {
            String why = refusal(c, limits);
            if (why == null) {
                String reason = refused.isEmpty() ? "rule matched" : "rule matched after " + String.join("; ", refused);
                return new Choice(c, reason);
            }
            refused.add(c.sku() + " " + why);
        }
        return new Choice(null, "every candidate refused: " + String.join("; ", refused));
    }

    private static String refusal(OfferCandidate c, Limits limits) {
        if (!limits.known().test(c.sku())) {
            return "is not in the catalogue";
        }
        if (limits.owned().test(c.sku())) {
            return "is already owned";
        }
        if (!limits.compatible().test(c.sku())) {
            return "does not fit the model";
        }
        return null;
    }
}
