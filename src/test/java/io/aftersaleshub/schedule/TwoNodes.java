package io.aftersaleshub.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import org.springframework.context.ApplicationContext;

/** Two hub nodes' daily jobs on one database: the context's job and a second instance of its own. */
final class TwoNodes {

    private TwoNodes() {
    }

    /** Runs {@code day} on both nodes at the same moment; returns both runs. */
    static List<DailyJobRun> runTogether(ApplicationContext context, LocalDate day) throws Exception {
        DailyJob here = context.getBean(DailyJob.class);
        DailyJob otherNode = new DailyJob(context.getBean(OwnerDirectory.class), context.getBean(UnitStore.class),
                context.getBean(CatalogCache.class), context.getBean(EventIngest.class), context.getBean(DailyJobDays.class),
                context.getBean(ScheduleSettings.class), context.getBean(java.time.Clock.class));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<DailyJobRun>> both = new ArrayList<>();
            for (DailyJob node : List.of(here, otherNode)) {
                both.add(pool.submit(() -> {
                    together.await();
                    return node.run(day);
                }));
            }
            List<DailyJobRun> runs = new ArrayList<>();
            for (Future<DailyJobRun> f : both) {
                runs.add(f.get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }
}
