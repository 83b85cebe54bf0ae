package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.support.HubClient;
import org.junit.jupiter.api.Test;

/** Offer tokens from the offer API, checked by GET (which changes nothing) and redeemed once by POST. */
class OfferRedemptionIT extends OfferApiTestBase {

    /** Registers the unit and asks the offer API: its answer, with the token. */
    JsonNode offer(String gtin, int unit) {
        String serial = run + "-" + unit;
        register(hub, gtin, serial, "o" + unit + "-" + run.toLowerCase() + "@example.test", false);
        HubClient.Answer a = hub.get(offerPath(gtin, serial));
        assertThat(a.status()).isEqualTo(200);
        return a.body();
    }

    @Test
    void getOnlyChecksAndPostRedeemsOnceThenEveryUseIsRefusedWithTheReason() {
        JsonNode offer = offer(EM300, 0);
        String path = "/api/offers/redeem/" + offer.get("offerToken").asText();

        HubClient.Answer check = hub.get(path);
        HubClient.Answer checkAgain = hub.get(path);

        assertThat(check.status()).isEqualTo(200);
        assertThat(checkAgain.body()).isEqualTo(check.body());
        assertThat(check.body().get("valid").asBoolean()).isTrue();
        assertThat(check.body().get("decisionId").asText()).isEqualTo(offer.get("decisionId").asText());
        assertThat(check.body().get("gtin").asText()).isEqualTo(EM300);
        assertThat(check.body().get("serial").asText()).isEqualTo(run + "-0");
        assertThat(check.body().get("sku").asText()).isEqualTo("KIT-ESP-CARE");
        assertThat(check.body().get("discountPercent").asInt()).isEqualTo(offer.at("/offer/discountPercent").asInt());
        assertThat(Instant.parse(check.body().get("expiresAt").asText()).getEpochSecond())
                .isEqualTo(Instant.parse(offer.at("/offer/expiresAt").asText()).getEpochSecond());
        assertThat(check.body().has("redeemedAt")).isFalse();
        assertThat(redemptions()).as("a GET redeems nothing").isZero();

        HubClient.Answer redeemed = hub.post(path, "");
        HubClient.Answer replayed = hub.post(path, "");
        HubClient.Answer checkAfter = hub.get(path);

        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.body().get("sku").asText()).isEqualTo("KIT-ESP-CARE");
        String redeemedAt = redeemed.body().get("redeemedAt").asText();
        for (HubClient.Answer refused : List.of(replayed, checkAfter)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().get("valid").asBoolean()).isFalse();
            assertThat(refused.body().get("reason").asText()).isEqualTo("was already redeemed at " + redeemedAt);
            assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("token");
            assertThat(refused.body().get("decisionId").asText()).isEqualTo(offer.get("decisionId").asText());
            assertThat(refused.body().get("redeemedAt").asText()).isEqualTo(redeemedAt);
        }
        assertThat(redemptions()).isEqualTo(1);
    }

    @Test
    void concurrentRedemptionsOfOneTokenRedeemItOnce() throws Exception {
        String path = "/api/offers/redeem/" + offer(GR40, 1).get("offerToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<HubClient.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> hub.post(path, ""));
            }
            for (Future<HubClient.Answer> f : pool.invokeAll(calls)) {
                statuses.add(f.get().status());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(redemptions()).isEqualTo(1);
    }

    @Test
    void aTamperedTokenIs400AndNeverRedeemed() {
        String token = offer(EM300, 2).get("offerToken").asText();
        // the discount byte sits at position 25 of the token's bytes: characters 33-34 of its base64
        char c = token.charAt(33);
        String altered = token.substring(0, 33) + (c == 'A' ? 'B' : 'A') + token.substring(34);

        for (HubClient.Answer a : List.of(hub.get("/api/offers/redeem/" + altered), hub.post("/api/offers/redeem/" + altered, ""),
                hub.post("/api/offers/redeem/not-a-token", ""))) {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().at("/errors/0/field").asText()).isEqualTo("token");
            assertThat(a.body().has("decisionId")).as("nothing of a forged token is repeated").isFalse();
        }
        assertThat(hub.get("/api/offers/redeem/" + altered).body().at("/errors/0/reason").asText())
                .startsWith("signature does not match");
        assertThat(redemptions()).isZero();
    }

    @Test
    void anExpiredTokenIs410WithItsExpiryAndNeverRedeemed() {
        JsonNode offer = offer(GR40, 3);
        String path = "/api/offers/redeem/" + offer.get("offerToken").asText();
        Instant expires = Instant.parse(offer.at("/offer/expiresAt").asText());
        clock.advance(Duration.between(Instant.now(), expires).plusSeconds(1));

        HubClient.Answer check = hub.get(path);
        HubClient.Answer redeem = hub.post(path, "");

        for (HubClient.Answer a : List.of(check, redeem)) {
            assertThat(a.status()).isEqualTo(410);
            assertThat(a.body().get("valid").asBoolean()).isFalse();
            assertThat(a.body().get("reason").asText()).startsWith("expired at " + expires.toString().substring(0, 19));
            assertThat(a.body().get("sku").asText()).isEqualTo("PART-BURR-GR");
        }
        assertThat(redemptions()).isZero();
    }

    int redemptions() {
        return jdbc.sql("SELECT count(*) FROM offer_redemption r JOIN decision d ON d.id = r.decision_id "
                + "JOIN unit u ON u.id = d.unit_id WHERE u.serial LIKE ?").param(run + "-%").query(Integer.class).single();
    }
}
