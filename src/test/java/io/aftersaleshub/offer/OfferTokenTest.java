package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.catalog.ItemType;
import org.junit.jupiter.api.Test;

/** Signed offer tokens: valid, expired, tampered and replayed, with redemptions kept in memory. */
class OfferTokenTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final UUID DECISION = UUID.fromString("3f1c2a9e-6d1b-4c55-9a0e-8f2b7c6d5e4f");

    final OfferTokens tokens = new OfferTokens(KEY, Duration.ofDays(30));
    final InMemoryStore store = new InMemoryStore();
    final OfferRedemptions redemptions = at(NOW);

    /** Redemptions as the hub sees them at this time, sharing one store. */
    OfferRedemptions at(Instant now) {
        return new OfferRedemptions(tokens, store, Clock.fixed(now, ZoneOffset.UTC));
    }

    String careKitToken(Instant expiresAt) {
        return tokens.issue(DECISION, "04098765000300", "EM300-00001",
                new Offer("KIT-ESP-CARE", ItemType.BUNDLE, "Care kit", 15, expiresAt), NOW.minusSeconds(60));
    }

    @Test
    void aValidTokenCarriesDecisionUnitSkuDiscountAndExpiryAndIsCompactAndUrlSafe() {
        Instant expires = NOW.plus(Duration.ofHours(48));
        String token = careKitToken(expires);

        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(110);
        assertThat(tokens.read(token)).isEqualTo(new OfferToken(DECISION, "04098765000300", "EM300-00001", "KIT-ESP-CARE", 15,
                expires));
        assertThat(careKitToken(expires)).as("the same decision always gives the same token").isEqualTo(token);
        OfferRedemptions.Outcome check = redemptions.check(token);
        assertThat(check.status()).isEqualTo(OfferRedemptions.Status.VALID);
        assertThat(check.refused()).isFalse();
    }

    @Test
    void anOfferWithoutTimeLimitGetsTheDefaultValidityFromTheDecision() {
        String token = careKitToken(null);

        assertThat(tokens.read(token).expiresAt()).isEqualTo(NOW.minusSeconds(60).plus(Duration.ofDays(30)));
    }

    @Test
    void anExpiredTokenIsRefusedWithItsExpiryAndNotRedeemed() {
        String token = careKitToken(NOW.plusSeconds(10));

        OfferRedemptions.Outcome check = at(NOW.plusSeconds(10)).check(token);
        OfferRedemptions.Outcome redeem = at(NOW.plusSeconds(10)).redeem(token);

        assertThat(check.status()).isEqualTo(OfferRedemptions.Status.EXPIRED);
        assertThat(check.reason()).isEqualTo("expired at " + NOW.plusSeconds(10));
        assertThat(redeem.status()).isEqualTo(OfferRedemptions.Status.EXPIRED);
        assertThat(store.redeemed).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefusedWhateverByteChanged() {
        String token = careKitToken(NOW.plus(Duration.ofHours(48)));
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> redemptions.redeem(altered)).as("byte %d changed", i)
                    .isInstanceOf(OfferTokens.InvalidTokenException.class);
        }
        assertThat(store.redeemed).isEmpty();
    }

    @Test
    void aTokenWithAHigherDiscountOrAnotherKeyOrNoSignatureIsRefused() {
        Instant expires = NOW.plus(Duration.ofHours(48));
        String forged = new OfferTokens("another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8), Duration.ofDays(1))
                .encode(new OfferToken(DECISION, "04098765000300", "EM300-00001", "KIT-ESP-CARE", 90, expires));
        String token = careKitToken(expires);

        assertThatThrownBy(() -> tokens.read(forged)).isInstanceOf(OfferTokens.InvalidTokenException.class)
                .hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> tokens.read(token.substring(0, token.length() - 22)))
                .isInstanceOf(OfferTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.read(token + "A")).isInstanceOf(OfferTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.read("not a token!")).isInstanceOf(OfferTokens.InvalidTokenException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> tokens.read("")).isInstanceOf(OfferTokens.InvalidTokenException.class);
    }

    @Test
    void aReplayedTokenIsRedeemedOnceAndThenRefusedWithTheFirstRedemption() {
        String token = careKitToken(NOW.plus(Duration.ofHours(48)));

        OfferRedemptions.Outcome first = redemptions.redeem(token);
        OfferRedemptions.Outcome replay = at(NOW.plusSeconds(5)).redeem(token);
        OfferRedemptions.Outcome check = at(NOW.plusSeconds(5)).check(token);

        assertThat(first.status()).isEqualTo(OfferRedemptions.Status.REDEEMED);
        assertThat(first.redeemedAt()).isEqualTo(NOW);
        assertThat(replay.status()).isEqualTo(OfferRedemptions.Status.ALREADY_REDEEMED);
        assertThat(replay.reason()).isEqualTo("was already redeemed at " + NOW);
        assertThat(check.status()).isEqualTo(OfferRedemptions.Status.ALREADY_REDEEMED);
        assertThat(store.redeemed).containsOnlyKeys(DECISION);
    }

    @Test
    void aTokenOfADecisionTheHubDoesNotKnowIsRefused() {
        store.known = false;

        assertThat(redemptions.check(careKitToken(NOW.plus(Duration.ofHours(1)))).status())
                .isEqualTo(OfferRedemptions.Status.UNKNOWN_DECISION);
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new OfferTokens("short".getBytes(StandardCharsets.UTF_8), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static final class InMemoryStore implements OfferRedemptions.Store {
        final Map<UUID, Instant> redeemed = new HashMap<>();
        boolean known = true;

        @Override
        public Optional<Instant> redeemedAt(UUID decisionId) {
            return Optional.ofNullable(redeemed.get(decisionId));
        }

        @Override
        public boolean redeem(OfferToken t, Instant at) {
            return known && redeemed.putIfAbsent(t.decisionId(), at) == null;
        }

        @Override
        public boolean decisionExists(UUID decisionId) {
            return known;
        }
    }
}
