package io.aftersaleshub.rules;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Every {@code hub.rules.poll}: follow the active version in the database and the workbooks in the rules folder. */
@Component
class RulesPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RulesPoller.class);

    private final ActiveRuleSet rules;
    private final RulesProperties properties;
    private ScheduledExecutorService timer;

    RulesPoller(ActiveRuleSet rules, RulesProperties properties) {
        this.rules = rules;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rules-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = properties.poll().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                rules.sync();
            } catch (RuntimeException e) {
                log.warn("Rules poll failed: {}", e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
