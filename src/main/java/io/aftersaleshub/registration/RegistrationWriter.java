package io.aftersaleshub.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.aftersaleshub.platform.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
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
class RegistrationWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistrationWriter.class);
    static final int MAX_BATCH = 200;

    private record Waiting(RegistrationBatch.Request request, CompletableFuture<RegistrationBatch.Outcome> outcome) {
    }

    private final RegistrationBatch batch;
    private final TransactionTemplate transactions;
    private final int writers;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private WorkerThreads threads;
    private volatile boolean running;

    RegistrationWriter(RegistrationBatch batch, PlatformTransactionManager tm,
                       @Value("${hub.registration.writers:2}") int writers) {
        this.batch = batch;
        this.transactions = new TransactionTemplate(tm);
        this.writers = writers;
    }

    CompletableFuture<RegistrationBatch.Outcome> submit(RegistrationBatch.Request request) {
        CompletableFuture<RegistrationBatch.Outcome> outcome = new CompletableFuture<>();
        if (!running) {
            outcome.completeExceptionally(new IllegalStateException("the hub is shutting down"));
            return outcome;
        }
        waiting.add(new Waiting(request, outcome));
        return outcome;
    }

    private void work() {
        List<Waiting> taken = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            try {
                Waiting first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                waiting.drainTo(taken, MAX_BATCH - 1);
                write(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // the writer must outlive any failure; its requests were answered by write()
                log.error("Registration writer failed", e);
            } finally {
                taken.clear();
            }
        }
    }

    private void write(List<Waiting> taken) {
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

    @Override
    public void start() {
        running = true;
        threads = WorkerThreads.start("hub-registration-writer", writers, this::work);
    }

    @Override
    public void stop() {
        running = false;
        threads.join(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the web server's graceful drain (SmartLifecycle.DEFAULT_PHASE - 1024), whose requests it
        // answers, before the decide workers and the publisher
        return Integer.MAX_VALUE - 1100;
    }
}
