package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.junit.jupiter.api.Test;

/** The mail text comes from the moment's template and the action's payload alone. */
class EmailOfferSinkTest {

    static final OfferLinks LINKS = new OfferLinks(new LinkProperties("https://hub.example.test/",
            "https://shop.example.test/products/{sku}", null), "k".repeat(32).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final OfferMailTemplates templates = new OfferMailTemplates(LINKS);

    @Test
    void theMailNamesTheOfferItsDiscountAndDeadline() {
        Map<String, Object> p = payload(Moment.REGISTRATION, "2-year warranty extension", "WX-ESP-2Y", 20, "2026-11-27T14:00:00Z");
        OfferMailTemplates.OfferMail mail = templates.render(p);
        assertThat(mail.subject()).isEqualTo("2-year warranty extension: 20 % off");
        assertThat(mail.body()).startsWith("Hello Ana,")
                .contains("thank you for registering your EM-300")
                .contains("2-year warranty extension (WX-ESP-2Y), 20 % off until 27 Nov 2026, 14:00 UTC.")
                .contains("Offer reference: d-1");
    }

    @Test
    void withoutDiscountOrDeadlineTheMailSaysNeither() {
        Map<String, Object> p = payload(Moment.PARTS_VIEWED, "Care kit", "KIT", 0, null);
        p.put("name", null);
        OfferMailTemplates.OfferMail mail = templates.render(p);
        assertThat(mail.subject()).isEqualTo("Keep your EM-300 in shape: Care kit");
        assertThat(mail.body()).startsWith("Hello,").contains("Care kit (KIT), for you.").doesNotContain("until");
    }

    @Test
    void everyMomentHasItsOwnText() {
        assertThat(templates.render(payload(Moment.SUPPORT_CLOSED, "Descaler", "D", 15, null)).body())
                .contains("support case is resolved");
        assertThat(templates.render(payload(Moment.WARRANTY_EXPIRING, "Extension", "X", 25, null)).body())
                .contains("warranty of your EM-300 (serial S-1) ends soon");
        assertThat(templates.render(payload(Moment.TRANSFERRED, "Kit", "K", 20, null)).body()).contains("new owner");
        assertThat(templates.render(payload(Moment.ANNIVERSARY, "Upgrade", "U", 0, null)).body()).contains("another year");
    }

    @Test
    void germanOwnersGetTheGermanTextAnyOtherLocaleEnglish() {
        Map<String, Object> p = payload(Moment.REGISTRATION, "2-year warranty extension", "WX-ESP-2Y", 20, "2026-11-27T14:00:00Z");
        for (String locale : new String[] {"de", "de-AT", "de_CH", "DE"}) {
            p.put("locale", locale);
            OfferMailTemplates.OfferMail mail = templates.render(p);
            assertThat(mail.subject()).as(locale).isEqualTo("2-year warranty extension: 20 % Rabatt");
            assertThat(mail.body()).as(locale).startsWith("Hallo Ana,")
                    .contains("danke, dass Sie Ihre EM-300 registriert haben")
                    .contains("2-year warranty extension (WX-ESP-2Y), 20 % Rabatt bis 27. November 2026, 14:00 UTC.");
        }
        for (String locale : new String[] {"fr-FR", "", "x"}) {
            p.put("locale", locale);
            assertThat(templates.render(p).body()).as(locale).startsWith("Hello Ana,");
        }
        assertThat(templates.languages()).containsExactlyInAnyOrder("en", "de");
    }

    @Test
    void everyMailCarriesTheTrackedLinkAndASignedUnsubscribeLink() {
        Map<String, Object> p = payload(Moment.SUPPORT_CLOSED, "Descaler", "PART-DESCALER", 15, null);
        java.util.UUID owner = java.util.UUID.randomUUID();
        p.put("ownerId", owner.toString());
        String body = templates.render(p).body();
        assertThat(body).contains("See the offer: https://hub.example.test/r/d-1\n")
                .contains("Unsubscribe: https://hub.example.test/unsubscribe/" + LINKS.token(owner));
        assertThat(LINKS.ownerOf(LINKS.token(owner))).contains(owner);
        String forged = LINKS.token(owner).substring(0, 22) + LINKS.token(java.util.UUID.randomUUID()).substring(22);
        assertThat(LINKS.ownerOf(forged)).isEmpty();
        assertThat(LINKS.ownerOf("short")).isEmpty();
        assertThat(LINKS.target("KIT A/1")).isEqualTo("https://shop.example.test/products/KIT%20A%2F1");
    }

    private static Map<String, Object> payload(Moment moment, String name, String sku, int discount, String expiresAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("to", "ana@example.test");
        p.put("name", "Ana");
        p.put("moment", moment.name());
        p.put("decisionId", "d-1");
        p.put("sku", sku);
        p.put("offerName", name);
        p.put("discountPercent", discount);
        p.put("expiresAt", expiresAt);
        p.put("modelCode", "EM-300");
        p.put("serial", "S-1");
        return p;
    }
}
