package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The synchronous offer API: decides a moment for a unit's current owner while the call waits (in-process,
 * no broker) and records it exactly like an asynchronous decision — a stored event (source
 * {@value #SOURCE}), the same decide step in the same transaction, the same tables, actions through the
 * same {@link OffersDecided}.
 *
 * <p>A busy page must not make a decision per view: calls for the same unit, owner and moment within the
 * window after a decision answer that decision. The database is the truth: a new decision is made only
 * under a PostgreSQL advisory lock on (unit, owner, moment), after reading again that the window has no
 * decision, so concurrent calls on one node or on several make one decision (the later ones wait for the
 * lock, then read the first one's committed decision). New decisions are written by {@link OfferApiWriter},
 * which commits concurrent calls together. A decision stays its window's answer until the window ends, so
 * each node may keep it in memory until then ({@link #answered}); a node that has not seen it finds it with
 * one indexed read. The repeat path is thus one indexed read (the unit's current owner, which a transfer
 * changes) plus a map lookup.
 */
@Service
public class OfferApi {

    public static final String SOURCE = "hub.offer-api";
    /** Moments a page asks for; the others have their own triggers (registration, support, transfer, daily job). */
    static final Set<Moment> MOMENTS = EnumSet.of(Moment.PARTS_VIEWED);
    /** Entries kept in memory before expired ones are swept; a sweep keeps only live windows. */
    static final int CACHE_LIMIT = 100_000;

    /** The answer: the decision, its offer (or null) and why; a signed token when there is an offer. */
    public record OfferAnswer(UUID decisionId, Offer offer, String reason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String offerToken) {
    }

    private record Answered(OfferAnswer answer, Instant validUntil) {
    }

    /** Longer than any batch can take; a call that waits longer answers 503 rather than hanging. */
    static final long WAIT_SECONDS = 30;

    private final UnitStore units;
    private final OwnerDirectory owners;
    private final DecisionStore decisions;
    private final OfferApiWriter writer;
    private final OfferTokens tokens;
    private final OfferApiSettings settings;
    private final Clock clock;
    /** Units by GTIN and serial: a unit's id and identity never change. */
    private final Map<String, UnitStore.Unit> knownUnits = new ConcurrentHashMap<>();
    private final Map<DecisionStore.OfferKey, Answered> answered = new ConcurrentHashMap<>();

    OfferApi(UnitStore units, OwnerDirectory owners, DecisionStore decisions, OfferApiWriter writer, OfferTokens tokens,
             OfferApiSettings settings, Clock clock) {
        this.units = units;
        this.owners = owners;
        this.decisions = decisions;
        this.writer = writer;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
    }

    public OfferAnswer offerFor(String gtinParam, String serialParam, String momentParam) {
        Problems p = new Problems();
        p.check("gtin", Gtin.problemWith(gtinParam));
        p.check("serial", Serial.problemWith(serialParam));
        Moment moment = null;
        if (p.require("moment", momentParam)) {
            moment = Moment.named(momentParam.trim().toUpperCase()).filter(MOMENTS::contains).orElse(null);
            if (moment == null) {
                p.add("moment", "is not a moment the offer API decides; allowed: "
                        + String.join(", ", MOMENTS.stream().map(Moment::name).toList()));
            }
        }
        p.throwIfAny();
        UnitStore.Unit unit = unit(Gtin.parse(gtinParam).value(), serialParam.trim());
        OwnerDirectory.CurrentOwner owner = owners.currentOwners(List.of(unit.id())).get(unit.id());
        if (owner == null) {
            throw RequestRejectedException.of(HttpStatus.UNPROCESSABLE_ENTITY, "serial",
                    "this unit has no registered owner; offers are made to owners");
        }
        DecisionStore.OfferKey key = new DecisionStore.OfferKey(unit.id(), owner.ownerId(), moment);
        Instant now = clock.instant();
        Answered known = answered.get(key);
        if (known != null && now.isBefore(known.validUntil())) {
            return known.answer();
        }
        Decision d = decisions.latestAfter(unit.id(), owner.ownerId(), moment, now.minus(settings.window()))
                .orElseGet(() -> decideNow(key, unit, owner));
        OfferAnswer answer = new OfferAnswer(d.decisionId(), d.offer(), d.reason(),
                d.offer() == null ? null : tokens.issue(d.decisionId(), unit.gtin(), unit.serial(), d.offer(), d.decidedAt()));
        remember(key, new Answered(answer, d.decidedAt().plus(settings.window())), now);
        return answer;
    }

    private Decision decideNow(DecisionStore.OfferKey key, UnitStore.Unit unit, OwnerDirectory.CurrentOwner owner) {
        try {
            return writer.submit(key, unit, owner).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the offer was decided", e);
        } catch (TimeoutException e) {
            throw RequestRejectedException.of(HttpStatus.SERVICE_UNAVAILABLE, "moment",
                    "the offer was not decided within " + WAIT_SECONDS + " s; try again");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private UnitStore.Unit unit(String gtin, String serial) {
        String k = Gtin.key(gtin, serial);
        UnitStore.Unit unit = knownUnits.get(k);
        if (unit == null) {
            unit = units.find(gtin, serial).orElseThrow(() -> RequestRejectedException.of(HttpStatus.NOT_FOUND, "serial",
                    "no unit with this GTIN and serial is known"));
            if (knownUnits.size() >= CACHE_LIMIT) {
                knownUnits.clear();
            }
            knownUnits.put(k, unit);
        }
        return unit;
    }

    private void remember(DecisionStore.OfferKey key, Answered a, Instant now) {
        if (answered.size() >= CACHE_LIMIT) {
            answered.values().removeIf(e -> !now.isBefore(e.validUntil()));
            if (answered.size() >= CACHE_LIMIT) {
                answered.clear();
            }
        }
        answered.merge(key, a, (old, fresh) -> fresh.validUntil().isAfter(old.validUntil()) ? fresh : old);
    }
}
