package io.aftersaleshub.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import java.util.List;

import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.offer.DecideStep;
import io.aftersaleshub.offer.Decision;
import io.aftersaleshub.offer.DecisionStore;
import io.aftersaleshub.owner.OwnerStore;
import io.aftersaleshub.owner.OwnershipStore;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration moment, synchronously: owner, ownership, the {@code registration.completed} event,
 * the decision and its e-mail action are written in one transaction, so the offer is in the answer.
 * The same owner registering the same unit again gets the first answer back and nothing new.
 */
@Service
public class RegistrationService {

    static final String SOURCE = "hub.registration";

    private final UnitStore units;
    private final OwnerStore owners;
    private final OwnershipStore ownerships;
    private final EventStore events;
    private final EventIngest ingest;
    private final DecideStep decide;
    private final DecisionStore decisions;
    private final Clock clock;

    public RegistrationService(UnitStore units, OwnerStore owners, OwnershipStore ownerships, EventStore events,
                               EventIngest ingest, DecideStep decide, DecisionStore decisions, Clock clock) {
        this.units = units;
        this.owners = owners;
        this.ownerships = ownerships;
        this.events = events;
        this.ingest = ingest;
        this.decide = decide;
        this.decisions = decisions;
        this.clock = clock;
    }

    @Transactional
    public RegistrationResponse register(RegistrationRequest r) {
        validate(r);
        String gtin = Gtin.parse(r.gtin()).value();
        String serial = r.serial().trim();
        String email = r.owner().email().trim().toLowerCase();
        UnitStore.Unit unit = units.lock(gtin, serial).orElseThrow(() -> RequestRejectedException.of(
                HttpStatus.UNPROCESSABLE_ENTITY, "serial", "no unit with GTIN " + gtin + " and this serial is known"));

        var current = ownerships.current(unit.id());
        if (current.isPresent()) {
            if (!current.get().ownerEmail().equals(email)) {
                throw RequestRejectedException.of(HttpStatus.CONFLICT, "serial", "this unit is already registered to another owner");
            }
            return repeat(current.get(), unit);
        }

        Instant now = clock.instant();
        UUID ownerId = owners.upsertRegistered(email, r.owner().name().trim(), r.owner().country().trim().toUpperCase(),
                blankToNull(r.owner().locale()), r.owner().marketingConsent());
        String channel = blankToNull(r.channel());
        UUID registrationId = ownerships.start(unit.id(), ownerId, now, r.purchaseDate(), channel);
        HubEvent event = new HubEvent(UUID.randomUUID(), EventType.REGISTRATION_COMPLETED, SOURCE, registrationId.toString(),
                now, gtin, serial, email, channel == null ? Map.of() : Map.of("channel", channel));
        ingest.store(List.of(event));
        Decision decision = decide.decide(List.of(event)).get(0);
        return new RegistrationResponse(registrationId, ownerId, event.id(),
                new RegistrationResponse.Warranty(r.purchaseDate().plusMonths(unit.warrantyMonths())), decision.offer(), false);
    }

    private RegistrationResponse repeat(OwnershipStore.Ownership o, UnitStore.Unit unit) {
        UUID eventId = events.idOf(SOURCE, o.id().toString()).orElse(null);
        Decision decision = eventId == null ? null : decisions.findByEvent(eventId).orElse(null);
        return new RegistrationResponse(o.id(), o.ownerId(), eventId,
                new RegistrationResponse.Warranty(o.purchaseDate().plusMonths(unit.warrantyMonths())),
                decision == null ? null : decision.offer(), true);
    }

    private void validate(RegistrationRequest r) {
        Problems p = new Problems();
        p.check("gtin", Gtin.problemWith(r.gtin()));
        p.check("serial", Serial.problemWith(r.serial()));
        if (p.require("owner", r.owner())) {
            p.email("owner.email", r.owner().email());
            p.text("owner.name", r.owner().name(), 200);
            p.maxLength("owner.locale", r.owner().locale(), 35);
            if (p.require("owner.country", r.owner().country()) && !r.owner().country().trim().matches("[A-Za-z]{2}")) {
                p.add("owner.country", "must be a 2-letter ISO 3166 country code");
            }
            p.require("owner.marketingConsent", r.owner().marketingConsent());
        }
        if (p.require("purchaseDate", r.purchaseDate())) {
            // the owner's "today" may be a day ahead of the hub's UTC clock (up to UTC+14)
            LocalDate latest = LocalDate.now(clock).plusDays(1);
            if (r.purchaseDate().isAfter(latest)) {
                p.add("purchaseDate", "must not be in the future (today is " + LocalDate.now(clock) + " UTC)");
            } else if (r.purchaseDate().isBefore(LocalDate.of(1980, 1, 1))) {
                p.add("purchaseDate", "must not be before 1980-01-01");
            }
        }
        p.maxLength("channel", r.channel(), 64);
        p.throwIfAny();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
