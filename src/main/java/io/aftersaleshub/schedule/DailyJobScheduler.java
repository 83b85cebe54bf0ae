package io.aftersaleshub.schedule;

import io.aftersaleshub.platform.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the daily job on its own thread: at start it runs every day missed while no hub ran, then it
 * looks every {@code checkEvery} whether the next day is due (its time, {@code hub.schedule.daily-at},
 * has come). A failed run is logged and tried again at the next look.
 */
@Component
class DailyJobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DailyJobScheduler.class);

    private final DailyJob job;
    private final ScheduleSettings settings;
    private final Object sleep = new Object();
    private volatile boolean running;
    private WorkerThreads thread;

    DailyJobScheduler(DailyJob job, ScheduleSettings settings) {
        this.job = job;
        this.settings = settings;
    }

    private void loop() {
        while (running) {
            try {
                job.catchUp();
            } catch (RuntimeException e) {
                log.error("The daily job failed; it is tried again in {}", settings.checkEvery(), e);
            }
            synchronized (sleep) {
                try {
                    if (running) {
                        sleep.wait(settings.checkEvery().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (settings.enabled()) {
            thread = WorkerThreads.start("hub-daily-job", 1, this::loop);
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (sleep) {
            sleep.notifyAll();
        }
        if (thread != null) {
            thread.join(java.time.Duration.ofSeconds(30));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
