package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.offer.Decision;
import io.aftersaleshub.offer.Moment;
import io.aftersaleshub.offer.Offer;
import org.junit.jupiter.api.Test;

class EmailOfferSinkTest {

    @Test
    void theMailNamesTheOfferItsDiscountAndDeadline() {
        Decision d = decision(new Offer("WX-ESP-2Y", ItemType.WARRANTY_PLAN, "2-year warranty extension", 20,
                Instant.parse("2026-11-27T14:00:00Z")));
        EmailOfferSink.OfferMail mail = EmailOfferSink.compose(d, "Ana");
        assertThat(mail.subject()).isEqualTo("2-year warranty extension: 20 % off for you");
        assertThat(mail.body()).startsWith("Hello Ana,")
                .contains("2-year warranty extension (WX-ESP-2Y), 20 % off until 27 Nov 2026, 14:00 UTC.")
                .contains("Offer reference: " + d.decisionId());
    }

    @Test
    void withoutDiscountOrDeadlineTheMailSaysNeither() {
        EmailOfferSink.OfferMail mail = EmailOfferSink.compose(
                decision(new Offer("KIT", ItemType.BUNDLE, "Care kit", 0, null)), null);
        assertThat(mail.subject()).isEqualTo("Care kit for you");
        assertThat(mail.body()).startsWith("Hello,").contains("Care kit (KIT), for you.").doesNotContain("until");
    }

    private static Decision decision(Offer offer) {
        return new Decision(UUID.randomUUID(), UUID.randomUUID(), Moment.REGISTRATION, 1L, UUID.randomUUID(), offer,
                "rule matched", "abc", "row", Instant.now());
    }
}
