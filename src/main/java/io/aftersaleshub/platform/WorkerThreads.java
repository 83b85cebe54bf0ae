package io.aftersaleshub.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's own background threads (decide workers, registration writers, the queue publisher): named,
 * daemon, each running the given loop until it returns; {@link #join} waits for them on shutdown.
 */
public final class WorkerThreads {

    private final List<Thread> threads = new ArrayList<>();

    private WorkerThreads() {
    }

    /** Starts {@code count} threads named {@code name-0}, {@code name-1} … each running {@code loop}. */
    public static WorkerThreads start(String name, int count, Runnable loop) {
        WorkerThreads w = new WorkerThreads();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(loop, name + "-" + i);
            t.setDaemon(true);
            w.threads.add(t);
            t.start();
        }
        return w;
    }

    /** Waits for every thread to end, at most {@code each} per thread. */
    public void join(Duration each) {
        for (Thread t : threads) {
            try {
                t.join(each.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
