package io.aftersaleshub.transfer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.owner.OwnerStore;
import io.aftersaleshub.owner.OwnershipStore;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ownership transfer: the current owner starts it and gets a one-time token for the new owner; the new
 * owner completes it. Completing closes the old ownership and opens the new one (the purchase date, and so
 * the remaining standard warranty, follows the unit; purchases and consent stay with their owners) and
 * stores an {@code ownership.transferred} event, in one transaction. The decide step decides that event
 * for the unit's current owner, who is by then the new owner: the new-owner kit goes to them only.
 */
@Service
public class TransferService {

    static final String SOURCE = "hub.transfer";

    private final UnitStore units;
    private final OwnerDirectory ownerDirectory;
    private final OwnerStore owners;
    private final OwnershipStore ownerships;
    private final TransferStore transfers;
    private final EventIngest ingest;
    private final TransferSettings settings;
    private final Clock clock;

    TransferService(UnitStore units, OwnerDirectory ownerDirectory, OwnerStore owners, OwnershipStore ownerships,
                    TransferStore transfers, EventIngest ingest, TransferSettings settings, Clock clock) {
        this.units = units;
        this.ownerDirectory = ownerDirectory;
        this.owners = owners;
        this.ownerships = ownerships;
        this.transfers = transfers;
        this.ingest = ingest;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public TransferRequests.Started start(TransferRequests.Start r) {
        Problems p = new Problems();
        p.check("gtin", Gtin.problemWith(r.gtin()));
        p.check("serial", Serial.problemWith(r.serial()));
        p.email("newOwnerEmail", r.newOwnerEmail());
        p.throwIfAny();
        String gtin = Gtin.parse(r.gtin()).value();
        String serial = r.serial().trim();
        String newOwnerEmail = r.newOwnerEmail().trim().toLowerCase();
        UnitStore.Unit unit = units.find(gtin, serial).orElseThrow(() -> RequestRejectedException.of(
                HttpStatus.UNPROCESSABLE_ENTITY, "serial", "no unit with GTIN " + gtin + " and this serial is known"));
        OwnerDirectory.CurrentOwner current = ownerDirectory.currentOwners(List.of(unit.id())).get(unit.id());
        if (current == null) {
            throw RequestRejectedException.of(HttpStatus.CONFLICT, "serial", "this unit has no registered owner to hand it over");
        }
        if (current.email().equals(newOwnerEmail)) {
            throw RequestRejectedException.of(HttpStatus.UNPROCESSABLE_ENTITY, "newOwnerEmail", "is already the unit's owner");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String token = TransferTokens.next();
        TransferStore.Transfer t = new TransferStore.Transfer(UUID.randomUUID(), unit.id(), gtin, serial,
                current.ownershipId(), newOwnerEmail, now.plus(settings.tokenValidity()), null);
        transfers.insert(t, TransferTokens.hash(token), now);
        return new TransferRequests.Started(t.id(), token, t.expiresAt());
    }

    @Transactional
    public TransferRequests.Completed complete(String token, TransferRequests.Complete r) {
        Problems p = new Problems();
        TransferRequests.NewOwner o = r == null ? null : r.owner();
        if (p.require("owner", o)) {
            p.email("owner.email", o.email());
            p.text("owner.name", o.name(), 200);
            p.maxLength("owner.locale", o.locale(), 35);
            if (p.require("owner.country", o.country()) && !o.country().trim().matches("[A-Za-z]{2}")) {
                p.add("owner.country", "must be a 2-letter ISO 3166 country code");
            }
            p.require("owner.marketingConsent", o.marketingConsent());
        }
        p.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TransferStore.Transfer t = transfers.lockByTokenHash(TransferTokens.hash(token)).orElseThrow(() ->
                RequestRejectedException.of(HttpStatus.NOT_FOUND, "token", "is not a known transfer token"));
        if (t.completedAt() != null) {
            throw RequestRejectedException.of(HttpStatus.CONFLICT, "token", "was already used at " + t.completedAt());
        }
        if (!now.isBefore(t.expiresAt())) {
            throw RequestRejectedException.of(HttpStatus.GONE, "token", "expired at " + t.expiresAt() + "; the owner can start a new transfer");
        }
        String email = o.email().trim().toLowerCase();
        if (!email.equals(t.newOwnerEmail())) {
            throw RequestRejectedException.of(HttpStatus.UNPROCESSABLE_ENTITY, "owner.email",
                    "is not the e-mail address this transfer was started for");
        }
        UUID ownerId = owners.upsertRegisteredAll(List.of(new OwnerStore.Registered(email, o.name().trim(),
                o.country().trim().toUpperCase(), o.locale() == null || o.locale().isBlank() ? null : o.locale().trim(),
                o.marketingConsent()))).get(email);
        UUID ownershipId = ownerships.handOver(t.fromOwnershipId(), ownerId, now).orElseThrow(() ->
                RequestRejectedException.of(HttpStatus.CONFLICT, "token", "the unit changed hands after this transfer was started"));
        transfers.completed(t.id(), ownershipId, now);
        HubEvent event = new HubEvent(UUID.randomUUID(), EventType.OWNERSHIP_TRANSFERRED, SOURCE, t.id().toString(), now,
                t.gtin(), t.serial(), email, Map.of("transferId", t.id().toString()));
        UUID eventId = ingest.store(List.of(event)).get(0).eventId();
        OwnerDirectory.CurrentOwner current = ownerDirectory.currentOwners(List.of(t.unitId())).get(t.unitId());
        int warrantyMonths = units.find(t.gtin(), t.serial()).map(UnitStore.Unit::warrantyMonths).orElse(0);
        return new TransferRequests.Completed(t.id(), ownershipId, ownerId, eventId, t.gtin(), t.serial(),
                new TransferRequests.Warranty(current.purchaseDate().plusMonths(warrantyMonths)));
    }
}
