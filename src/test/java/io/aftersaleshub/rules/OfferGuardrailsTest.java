package io.aftersaleshub.rules;

import io.aftersaleshub.rules.OfferGuardrails.Applied;
import io.aftersaleshub.rules.OfferGuardrails.Guardrail;
import io.aftersaleshub.rules.vocabulary.OfferCandidate;
import io.aftersaleshub.rules.vocabulary.OfferFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OfferGuardrailsTest {

    private final List<OfferCandidate> ranked = List.of(
            new OfferCandidate("plan row", "PLAN", 100, 20, 48),
            new OfferCandidate("jug row", "JUG", 80, 10, 168),
            new OfferCandidate("kit row", "KIT", 50, 15, 168));

    @Test
    void theHighestRankedAllowedCandidateWinsAndTheOthersAreRemovedAsOnePerEvent() {
        var choice = OfferGuardrails.choose(ranked, limits(Set.of("PLAN", "JUG", "KIT"), Set.of()));
        assertThat(choice.offer().sku()).isEqualTo("PLAN");
        assertThat(choice.reason()).isEqualTo("rule matched");
        assertThat(choice.candidates()).extracting(r -> r.candidate().sku(), OfferGuardrails.Ranked::removedBy)
                .containsExactly(tuple("PLAN", null), tuple("JUG", Guardrail.ONE_PER_EVENT), tuple("KIT", Guardrail.ONE_PER_EVENT));
    }

    @Test
    void everyGuardrailIsRecordedInItsOrderWithTheCandidatesItRemoved() {
        var choice = OfferGuardrails.choose(ranked, limits(Set.of("PLAN", "KIT"), Set.of("PLAN")));
        assertThat(choice.offer().sku()).isEqualTo("KIT");
        assertThat(choice.reason()).isEqualTo("rule matched after PLAN is already owned; JUG does not fit the model");
        assertThat(choice.applied()).extracting(Applied::guardrail, Applied::removed).containsExactly(
                tuple(Guardrail.COMPATIBLE, List.of("JUG")),
                tuple(Guardrail.NOT_OWNED, List.of("PLAN")),
                tuple(Guardrail.CONSENT, List.of()),
                tuple(Guardrail.FREQUENCY_CAP, List.of()),
                tuple(Guardrail.ONE_PER_EVENT, List.of()));
        assertThat(choice.candidates()).extracting(OfferGuardrails.Ranked::removedBy)
                .containsExactly(Guardrail.NOT_OWNED, Guardrail.COMPATIBLE, null);
    }

    @Test
    void compatibilityIsCheckedBeforeOwnership() {
        // JUG is owned and does not fit: the first guardrail in line removes it
        var choice = OfferGuardrails.choose(ranked, limits(Set.of("PLAN", "KIT"), Set.of("JUG")));
        assertThat(choice.candidates().get(1).removedBy()).isEqualTo(Guardrail.COMPATIBLE);
    }

    @Test
    void withoutConsentTheOfferStaysAndTheConsentGuardrailNotesTheMissingEmail() {
        var choice = OfferGuardrails.choose(ranked, new OfferGuardrails.Limits(sku -> true, sku -> true, sku -> false, false, false));
        assertThat(choice.offer().sku()).isEqualTo("PLAN");
        assertThat(choice.reason()).isEqualTo("rule matched; no e-mail: owner gave no marketing consent");
        assertThat(choice.applied().get(2)).isEqualTo(new Applied(Guardrail.CONSENT, List.of(),
                "no e-mail: owner gave no marketing consent"));
    }

    @Test
    void theCapRemovesWhatTheProductGuardrailsLeftAndComesAfterThem() {
        var choice = OfferGuardrails.choose(ranked,
                new OfferGuardrails.Limits(sku -> true, Set.of("PLAN", "KIT")::contains, Set.of("PLAN")::contains, true, true));
        assertThat(choice.offer()).isNull();
        assertThat(choice.capped()).isTrue();
        assertThat(choice.candidates()).extracting(OfferGuardrails.Ranked::removedBy)
                .containsExactly(Guardrail.NOT_OWNED, Guardrail.COMPATIBLE, Guardrail.FREQUENCY_CAP);
        assertThat(choice.applied().get(3)).isEqualTo(new Applied(Guardrail.FREQUENCY_CAP, List.of("KIT"), null));
        assertThat(choice.reason()).startsWith("frequency cap");
    }

    @Test
    void aCapWithNothingLeftToRemoveIsNotACappedDecision() {
        var choice = OfferGuardrails.choose(ranked, new OfferGuardrails.Limits(sku -> true, sku -> false, sku -> false, true, true));
        assertThat(choice.capped()).isFalse();
        assertThat(choice.reason()).startsWith("every candidate refused: PLAN does not fit the model");
    }

    @Test
    void unknownSkusAreNeverOffered() {
        var choice = OfferGuardrails.choose(ranked,
                new OfferGuardrails.Limits(sku -> !sku.equals("PLAN"), sku -> true, sku -> false, true, false));
        assertThat(choice.offer().sku()).isEqualTo("JUG");
        assertThat(choice.reason()).contains("PLAN is not in the catalogue");
        assertThat(choice.candidates().get(0).removedBy()).isEqualTo(Guardrail.COMPATIBLE);
    }

    @Test
    void noOfferWhenEveryCandidateIsRefusedOrNoneMatched() {
        var refused = OfferGuardrails.choose(ranked, limits(Set.of(), Set.of()));
        assertThat(refused.offer()).isNull();
        assertThat(refused.reason()).startsWith("every candidate refused: PLAN does not fit the model");
        var none = OfferGuardrails.choose(List.of(), limits(Set.of(), Set.of()));
        assertThat(none.reason()).isEqualTo("no rule matched");
        assertThat(none.candidates()).isEmpty();
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
        return new OfferGuardrails.Limits(sku -> true, compatible::contains, owned::contains, true, false);
    }
}
