package io.aftersaleshub.rules;

import io.aftersaleshub.rules.vocabulary.OfferCandidate;
import io.aftersaleshub.rules.vocabulary.OfferFacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OfferGuardrailsTest {

    private final List<OfferCandidate> ranked = List.of(
            new OfferCandidate("plan row", "PLAN", 100, 20, 48),
            new OfferCandidate("jug row", "JUG", 80, 10, 168),
            new OfferCandidate("kit row", "KIT", 50, 15, 168));

    @Test
    void theHighestRankedAllowedCandidateWins() {
        var choice = OfferGuardrails.choose(ranked, limits(Set.of("PLAN", "JUG", "KIT"), Set.of()));
        assertThat(choice.offer().sku()).isEqualTo("PLAN");
        assertThat(choice.reason()).isEqualTo("rule matched");
    }

    @Test
    void ownedAndIncompatibleCandidatesAreSkippedAndNamed() {
        var choice = OfferGuardrails.choose(ranked, limits(Set.of("PLAN", "KIT"), Set.of("PLAN")));
        assertThat(choice.offer().sku()).isEqualTo("KIT");
        assertThat(choice.reason()).isEqualTo("rule matched after PLAN is already owned; JUG does not fit the model");
    }

    @Test
    void unknownSkusAreNeverOffered() {
        var choice = OfferGuardrails.choose(ranked,
                new OfferGuardrails.Limits(sku -> !sku.equals("PLAN"), sku -> true, sku -> false));
        assertThat(choice.offer().sku()).isEqualTo("JUG");
        assertThat(choice.reason()).contains("PLAN is not in the catalogue");
    }

    @Test
    void noOfferWhenEveryCandidateIsRefusedOrNoneMatched() {
        var refused = OfferGuardrails.choose(ranked, limits(Set.of(), Set.of()));
        assertThat(refused.offer()).isNull();
        assertThat(refused.reason()).startsWith("every candidate refused: PLAN does not fit the model");
        assertThat(OfferGuardrails.choose(List.of(), limits(Set.of(), Set.of())).reason()).isEqualTo("no rule matched");
    }

    @Test
    void contextRanksProposalsByPriorityAndKeepsTableOrderOnTies() {
        OfferFacts c = new OfferFacts(RuleFacts.registration("espresso", "EM-100"));
        c.offer("a", "A");
        c.priority("a", 10);
        c.offer("b", "B");
        c.priority("b", 30);
        c.offer("c", "C");
        c.priority("c", 10);
        c.priority("no sku", 99);
        assertThat(c.candidates()).extracting(OfferCandidate::sku).containsExactly("B", "A", "C");
    }

    private static OfferGuardrails.Limits limits(Set<String> compatible, Set<String> owned) {
        return new OfferGuardrails.Limits(sku -> true, compatible::contains, owned::contains);
    }
}
