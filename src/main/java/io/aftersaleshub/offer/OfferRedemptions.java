package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Checks and redeems offer tokens: a token is good when the hub signed it, its decision is known, it has
 * not expired and it was not redeemed before; redeeming it records that once (the decision id is the
 * redemption's unique key), so a replayed or concurrent second redemption is refused.
 */
@Service
public class OfferRedemptions {

    /** Where redemptions are kept. */
    interface Store {
        Optional<Instant> redeemedAt(UUID decisionId);

        /** Records the redemption unless there is one or the decision is unknown; true when this call recorded it. */
        boolean redeem(OfferToken t, Instant at);

        boolean decisionExists(UUID decisionId);
    }

    public enum Status { VALID, REDEEMED, ALREADY_REDEEMED, EXPIRED, UNKNOWN_DECISION }

    /** What a check or a redemption found; {@code reason} says why a token is refused, null when it is not. */
    public record Outcome(Status status, OfferToken token, Instant redeemedAt, String reason) {
        public boolean refused() {
            return reason != null;
        }
    }

    private final OfferTokens tokens;
    private final Store store;
    private final Clock clock;

    OfferRedemptions(OfferTokens tokens, Store store, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
    }

    /** Whether the token can be redeemed now; changes nothing. Throws for a token the hub did not sign. */
    public Outcome check(String token) {
        OfferToken t = tokens.read(token);
        Outcome refusal = refusal(t);
        return refusal != null ? refusal : new Outcome(Status.VALID, t, null, null);
    }

    /** Redeems the token once. Throws for a token the hub did not sign. */
    public Outcome redeem(String token) {
        OfferToken t = tokens.read(token);
        Outcome refusal = refusal(t);
        if (refusal != null) {
            return refusal;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (store.redeem(t, now)) {
            return new Outcome(Status.REDEEMED, t, now, null);
        }
        // a concurrent call redeemed it between the check and the insert
        Outcome meanwhile = refusal(t);
        if (meanwhile == null) {
            throw new IllegalStateException("offer token of decision " + t.decisionId() + " neither redeemed nor refused");
        }
        return meanwhile;
    }

    private Outcome refusal(OfferToken t) {
        Optional<Instant> redeemedAt = store.redeemedAt(t.decisionId());
        if (redeemedAt.isPresent()) {
            return new Outcome(Status.ALREADY_REDEEMED, t, redeemedAt.get(), "was already redeemed at " + redeemedAt.get());
        }
        if (!clock.instant().isBefore(t.expiresAt())) {
            return new Outcome(Status.EXPIRED, t, null, "expired at " + t.expiresAt());
        }
        if (!store.decisionExists(t.decisionId())) {
            return new Outcome(Status.UNKNOWN_DECISION, t, null, "names a decision this hub does not know");
        }
        return null;
    }
}
