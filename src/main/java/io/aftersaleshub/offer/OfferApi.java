package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The synchronous offer API: decides a moment for a unit's current owner in the request's thread (no
 * queue) and records it exactly like an asynchronous decision — a stored event (source
 * {@value #SOURCE}), the same decide step in the same transaction, the same tables, actions through the
 * same {@link OffersDecided}.
 *
 * <p>A busy page must not make a decision per view: calls for the same unit, owner and moment within the
 * window after a decision answer that decision. The database is the truth: a new decision is made only
 * under a PostgreSQL advisory lock on (unit, owner, moment) after reading again that no decision of the
 * window exists, so concurrent calls on one node or on several nodes make one decision (the later ones
 * wait for the lock, then read the first one's committed decision). A decision stays the window's answer
 * until its window ends, so each node may keep it in memory until then ({@link #answered}); a cold node
 * finds it with one indexed read. The repeat path is thus one indexed read (the unit's current owner)
 * plus a map lookup.
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

    private record WindowKey(long unitId, UUID ownerId, Moment moment) {
    }

    private record Answered(OfferAnswer answer, Instant validUntil) {
    }

    private final UnitStore units;
    private final OwnerDirectory owners;
    private final EventStore events;
    private final DecideStep decide;
    private final DecisionStore decisions;
    private final OfferTokens tokens;
    private final OfferApiSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Units by GTIN and serial: a unit's id and identity never change. */
    private final Map<String, UnitStore.Unit> knownUnits = new ConcurrentHashMap<>();
    private final Map<WindowKey, Answered> answered = new ConcurrentHashMap<>();

    public OfferApi(UnitStore units, OwnerDirectory owners, EventStore events, DecideStep decide, DecisionStore decisions,
                    OfferTokens tokens, OfferApiSettings settings, PlatformTransactionManager tm, Clock clock) {
        this.units = units;
        this.owners = owners;
        this.events = events;
        this.decide = decide;
        this.decisions = decisions;
        this.tokens = tokens;
        this.settings = settings;
        this.transactions = new TransactionTemplate(tm);
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
        WindowKey key = new WindowKey(unit.id(), owner.ownerId(), moment);
        Instant now = clock.instant();
        Answered known = answered.get(key);
        if (known != null && now.isBefore(known.validUntil())) {
            return known.answer();
        }
        Instant windowStart = now.minus(settings.window());
        Decision d = decisions.latestAfter(unit.id(), owner.ownerId(), moment, windowStart)
                .orElseGet(() -> decideOnce(key, unit, owner, windowStart));
        OfferAnswer answer = new OfferAnswer(d.decisionId(), d.offer(), d.reason(),
                d.offer() == null ? null : tokens.issue(d.decisionId(), unit.gtin(), unit.serial(), d.offer(), d.decidedAt()));
        remember(key, new Answered(answer, d.decidedAt().plus(settings.window())), now);
        return answer;
    }

    /** Decides under the window's lock, unless a call that held it first has decided meanwhile. */
    private Decision decideOnce(WindowKey key, UnitStore.Unit unit, OwnerDirectory.CurrentOwner owner, Instant windowStart) {
        return transactions.execute(status -> {
            decisions.lockWindow(key.unitId(), key.ownerId(), key.moment());
            return decisions.latestAfter(key.unitId(), key.ownerId(), key.moment(), windowStart).orElseGet(() -> {
                UUID id = UUID.randomUUID();
                HubEvent event = new HubEvent(id, key.moment().eventType(), SOURCE, key.moment() + ":" + id, clock.instant(),
                        unit.gtin(), unit.serial(), owner.email(), Map.of());
                events.insertAll(List.of(event));
                return decide.decide(List.of(event)).get(0);
            });
        });
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

    private void remember(WindowKey key, Answered a, Instant now) {
        if (answered.size() >= CACHE_LIMIT) {
            answered.values().removeIf(e -> !now.isBefore(e.validUntil()));
            if (answered.size() >= CACHE_LIMIT) {
                answered.clear();
            }
        }
        answered.merge(key, a, (old, fresh) -> fresh.validUntil().isAfter(old.validUntil()) ? fresh : old);
    }
}
