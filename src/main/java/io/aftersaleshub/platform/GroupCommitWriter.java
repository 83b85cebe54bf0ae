package io.aftersaleshub.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit: request threads hand items over and wait on their own future; writer threads each take
 * everything waiting (up to {@code maxBatch}) and pass it to {@link #write}, which writes the batch in one
 * transaction and answers every item. The registration writer and the offer API's writer are such.
 */
public abstract class GroupCommitWriter<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final String name;
    private final int writers;
    private final int maxBatch;
    private final BlockingQueue<T> waiting = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private WorkerThreads threads;

    protected GroupCommitWriter(String name, int writers, int maxBatch) {
        this.name = name;
        this.writers = writers;
        this.maxBatch = maxBatch;
    }

    /** Writes a batch and answers every item of it, also when it fails. */
    protected abstract void write(List<T> batch);

    /** Queues the item for the next batch; false when the hub is shutting down. */
    protected boolean offer(T item) {
        if (!running) {
            return false;
        }
        waiting.add(item);
        return true;
    }

    private void work() {
        List<T> taken = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            try {
                T first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                waiting.drainTo(taken, maxBatch - 1);
                long t0 = System.nanoTime();
                write(taken);
                if (log.isDebugEnabled()) { // batch sizes and times: how far group commit is from its load
                    log.debug("{} wrote a batch of {} in {} µs", name, taken.size(), (System.nanoTime() - t0) / 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // a writer must outlive any failure; its items were answered by write
                log.error("{} failed", name, e);
            } finally {
                taken.clear();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        threads = WorkerThreads.start(name, writers, this::work);
    }

    /** Takes no new items, writes what waits, and waits for the writers to end. */
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
