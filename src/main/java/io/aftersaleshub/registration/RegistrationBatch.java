package io.aftersaleshub.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.offer.DecideStep;
import io.aftersaleshub.offer.Decision;
import io.aftersaleshub.offer.DecisionStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.owner.OwnerStore;
import io.aftersaleshub.owner.OwnershipStore;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of validated registrations in the caller's transaction with a statement per kind of
 * row, not per registration: units locked with one statement, owners upserted, ownerships started and
 * events stored with one statement each, then one decide step for all their events. Each registration
 * gets its own outcome: its answer, the earlier answer for a repeat, or its refusal (unknown unit, a unit
 * of another owner) — a refused one writes nothing.
 */
@Component
class RegistrationBatch {

    static final String SOURCE = "hub.registration";

    /** One registration's result: an answer, or the refusal to throw in its request's thread. */
    record Outcome(RegistrationResponse answer, RequestRejectedException refusal) {
        static Outcome of(RegistrationResponse answer) {
            return new Outcome(answer, null);
        }

        static Outcome refused(HttpStatus status, String field, String reason) {
            return new Outcome(null, RequestRejectedException.of(status, field, reason));
        }

        /** A repeat whose content differs from the registration it repeats: 409 naming every differing field. */
        static Outcome differs(List<String> fields) {
            return new Outcome(null, new RequestRejectedException(HttpStatus.CONFLICT, fields.stream()
                    .map(f -> new FieldProblem(f, "differs from the earlier registration of this unit by this owner"))
                    .toList()));
        }
    }

    private final UnitStore units;
    private final OwnerDirectory ownerDirectory;
    private final OwnerStore owners;
    private final OwnershipStore ownerships;
    private final EventIngest ingest;
    private final EventStore events;
    private final DecideStep decide;
    private final DecisionStore decisions;
    private final Clock clock;

    RegistrationBatch(UnitStore units, OwnerDirectory ownerDirectory, OwnerStore owners, OwnershipStore ownerships,
                      EventIngest ingest, EventStore events, DecideStep decide, DecisionStore decisions, Clock clock) {
        this.units = units;
        this.ownerDirectory = ownerDirectory;
        this.owners = owners;
        this.ownerships = ownerships;
        this.ingest = ingest;
        this.events = events;
        this.decide = decide;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A validated registration with its normalised values. */
    record Request(String gtin, String serial, String email, String name, String country, String locale, boolean consent,
                   java.time.LocalDate purchaseDate, String channel) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Request> batch) {
        Instant now = clock.instant();
        Map<String, UnitStore.Unit> locked = units.lockAll(batch.stream().map(r -> new String[] {r.gtin(), r.serial()}).toList());
        Map<Long, OwnerDirectory.CurrentOwner> current = ownerDirectory.currentOwners(
                locked.values().stream().map(UnitStore.Unit::id).toList());

        Outcome[] outcomes = new Outcome[batch.size()];
        Map<Long, Integer> firstInBatch = new HashMap<>();   // unit → index of the registration that takes it
        Map<Integer, Integer> sameAsFirst = new HashMap<>(); // index → index whose answer it repeats
        Map<String, OwnerStore.Registered> newOwners = new LinkedHashMap<>();
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Request r = batch.get(i);
            UnitStore.Unit unit = locked.get(Gtin.key(r.gtin(), r.serial()));
            if (unit == null) {
                outcomes[i] = Outcome.refused(HttpStatus.UNPROCESSABLE_ENTITY, "serial",
                        "no unit with GTIN " + r.gtin() + " and this serial is known");
                continue;
            }
            OwnerDirectory.CurrentOwner owner = current.get(unit.id());
            Integer first = firstInBatch.get(unit.id());
            String holder = owner != null ? owner.email() : first != null ? batch.get(first).email() : null;
            if (holder != null && !holder.equals(r.email())) {
                outcomes[i] = Outcome.refused(HttpStatus.CONFLICT, "serial", "this unit is already registered to another owner");
            } else if (owner != null) {
                List<String> differing = differences(r, new Request(r.gtin(), r.serial(), owner.email(), owner.name(),
                        owner.country(), owner.locale(), owner.marketingConsent(), owner.purchaseDate(), owner.channel()));
                outcomes[i] = differing.isEmpty() ? Outcome.of(repeat(owner, unit)) : Outcome.differs(differing);
            } else if (first != null) {
                List<String> differing = differences(r, batch.get(first));
                if (differing.isEmpty()) {
                    sameAsFirst.put(i, first);
                } else {
                    outcomes[i] = Outcome.differs(differing);
                }
            } else {
                firstInBatch.put(unit.id(), i);
                accepted.add(i);
                newOwners.putIfAbsent(r.email(), new OwnerStore.Registered(r.email(), r.name(), r.country(), r.locale(),
                        r.consent()));
            }
        }

        // in e-mail order, so that two writers upserting the same owners never deadlock
        Map<String, UUID> ownerIds = owners.upsertRegisteredAll(newOwners.values().stream()
                .sorted(java.util.Comparator.comparing(OwnerStore.Registered::email)).toList());
        List<OwnershipStore.Start> starts = new ArrayList<>();
        List<HubEvent> newEvents = new ArrayList<>();
        for (int i : accepted) {
            Request r = batch.get(i);
            UnitStore.Unit unit = locked.get(Gtin.key(r.gtin(), r.serial()));
            UUID registrationId = UUID.randomUUID();
            starts.add(new OwnershipStore.Start(registrationId, unit.id(), ownerIds.get(r.email()), now, r.purchaseDate(),
                    r.channel()));
            newEvents.add(new HubEvent(UUID.randomUUID(), EventType.REGISTRATION_COMPLETED, SOURCE, registrationId.toString(),
                    now, r.gtin(), r.serial(), r.email(), r.channel() == null ? Map.of() : Map.of("channel", r.channel())));
        }
        ownerships.startAll(starts);
        ingest.store(newEvents);
        List<Decision> decided = decide.decide(newEvents);
        for (int k = 0; k < accepted.size(); k++) {
            int i = accepted.get(k);
            Request r = batch.get(i);
            UnitStore.Unit unit = locked.get(Gtin.key(r.gtin(), r.serial()));
            outcomes[i] = Outcome.of(new RegistrationResponse(starts.get(k).id(), ownerIds.get(r.email()), newEvents.get(k).id(),
                    new RegistrationResponse.Warranty(r.purchaseDate().plusMonths(unit.warrantyMonths())),
                    decided.get(k).deliveredOffer(), false));
        }
        sameAsFirst.forEach((i, first) -> {
            RegistrationResponse a = outcomes[first].answer();
            outcomes[i] = Outcome.of(new RegistrationResponse(a.registrationId(), a.ownerId(), a.eventId(), a.warranty(),
                    a.offer(), true));
        });
        return List.of(outcomes);
    }

    /**
     * The fields in which a repeat differs from the registration it repeats (by the same owner of the same
     * unit). The owner's details are compared with what is stored now; a locale left out is no difference.
     */
    static List<String> differences(Request repeat, Request earlier) {
        List<String> fields = new ArrayList<>();
        if (!java.util.Objects.equals(repeat.name(), earlier.name())) {
            fields.add("owner.name");
        }
        if (!java.util.Objects.equals(repeat.country(), earlier.country())) {
            fields.add("owner.country");
        }
        if (repeat.locale() != null && !repeat.locale().equals(earlier.locale())) {
            fields.add("owner.locale");
        }
        if (repeat.consent() != earlier.consent()) {
            fields.add("owner.marketingConsent");
        }
        if (!java.util.Objects.equals(repeat.purchaseDate(), earlier.purchaseDate())) {
            fields.add("purchaseDate");
        }
        if (!java.util.Objects.equals(repeat.channel(), earlier.channel())) {
            fields.add("channel");
        }
        return fields;
    }

    /** The same owner registering the same unit again, with the same content, gets the first answer back. */
    private RegistrationResponse repeat(OwnerDirectory.CurrentOwner o, UnitStore.Unit unit) {
        UUID eventId = events.idOf(SOURCE, o.ownershipId().toString()).orElse(null);
        Decision decision = eventId == null ? null : decisions.findByEvent(eventId).orElse(null);
        return new RegistrationResponse(o.ownershipId(), o.ownerId(), eventId,
                new RegistrationResponse.Warranty(o.purchaseDate().plusMonths(unit.warrantyMonths())),
                decision == null ? null : decision.deliveredOffer(), true);
    }
}
