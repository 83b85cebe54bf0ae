package io.aftersaleshub.registration;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.aftersaleshub.platform.GroupCommitWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for registrations: request threads hand their validated registration over and wait; a
 * writer drains everything waiting (up to {@link #MAX_BATCH}) into one transaction, so concurrent
 * registrations share their statements and their commit. If a batch fails unexpectedly, its
 * registrations are written one by one so that one bad registration fails alone.
 */
@Component
class RegistrationWriter extends GroupCommitWriter<RegistrationWriter.Waiting> {

    private static final Logger log = LoggerFactory.getLogger(RegistrationWriter.class);
    static final int MAX_BATCH = 200;

    record Waiting(RegistrationBatch.Request request, CompletableFuture<RegistrationBatch.Outcome> outcome) {
    }

    private final RegistrationBatch batch;
    private final TransactionTemplate transactions;

    RegistrationWriter(RegistrationBatch batch, PlatformTransactionManager tm,
                       @Value("${hub.registration.writers:2}") int writers) {
        super("hub-registration-writer", writers, MAX_BATCH);
        this.batch = batch;
        this.transactions = new TransactionTemplate(tm);
    }

    CompletableFuture<RegistrationBatch.Outcome> submit(RegistrationBatch.Request request) {
        CompletableFuture<RegistrationBatch.Outcome> outcome = new CompletableFuture<>();
        if (!offer(new Waiting(request, outcome))) {
            outcome.completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
        return outcome;
    }

    @Override
    protected void write(List<Waiting> taken) {
        try {
            List<RegistrationBatch.Outcome> outcomes = transactions.execute(status ->
                    batch.write(taken.stream().map(Waiting::request).toList()));
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (taken.size() == 1) {
                taken.get(0).outcome().completeExceptionally(e);
                return;
            }
            log.warn("A batch of {} registrations failed ({}); writing them one by one", taken.size(), e.toString());
            for (Waiting w : taken) {
                write(List.of(w));
            }
        }
    }
}
