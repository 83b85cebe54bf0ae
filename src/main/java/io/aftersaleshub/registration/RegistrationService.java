package io.aftersaleshub.registration;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The registration moment, synchronously: the request is validated here, then written with other
 * concurrent registrations in one transaction (owner, ownership, the {@code registration.completed}
 * event, the decision and its actions), so the offer is in the answer. The same owner registering the
 * same unit again gets the first answer back and nothing new.
 */
@Service
public class RegistrationService {

    /** Longer than any batch can take; a request that waits longer answers 503 rather than hanging. */
    static final long WAIT_SECONDS = 30;

    private final RegistrationWriter writer;
    private final Clock clock;

    RegistrationService(RegistrationWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    public RegistrationResponse register(RegistrationRequest r) {
        validate(r);
        RegistrationBatch.Request request = new RegistrationBatch.Request(Gtin.parse(r.gtin()).value(), r.serial().trim(),
                r.owner().email().trim().toLowerCase(), r.owner().name().trim(), r.owner().country().trim().toUpperCase(),
                blankToNull(r.owner().locale()), r.owner().marketingConsent(), r.purchaseDate(), blankToNull(r.channel()));
        RegistrationBatch.Outcome outcome;
        try {
            outcome = writer.submit(request).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the registration was written", e);
        } catch (TimeoutException e) {
            throw RequestRejectedException.of(HttpStatus.SERVICE_UNAVAILABLE, "body",
                    "the registration was not written within " + WAIT_SECONDS + " s; try again");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.answer();
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
