package io.aftersaleshub.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.catalog.CatalogSnapshot;
import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The daily job: for one day, emits {@code ownership.anniversary} (the N-th year of the current
 * ownership) and {@code warranty.expiring} (the standard warranty ends in {@code warrantyNoticeDays}
 * days and the owner has no warranty plan for the unit) as canonical events, which the decide step
 * decides like any other. It scans the current ownerships page by page (one statement per page) and
 * stores each page's events with one statement. Source event ids are deterministic, so a second run of
 * the same day, or two hub nodes running it at once, make each event once: the event dedupe is the lock.
 */
@Service
public class DailyJob {

    static final String SOURCE = "hub.schedule";
    private static final Logger log = LoggerFactory.getLogger(DailyJob.class);

    private final OwnerDirectory owners;
    private final UnitStore units;
    private final CatalogCache catalog;
    private final EventIngest ingest;
    private final DailyJobDays days;
    private final ScheduleSettings settings;
    private final Clock clock;

    public DailyJob(OwnerDirectory owners, UnitStore units, CatalogCache catalog, EventIngest ingest, DailyJobDays days,
                    ScheduleSettings settings, Clock clock) {
        this.owners = owners;
        this.units = units;
        this.catalog = catalog;
        this.ingest = ingest;
        this.days = days;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs every day due and not yet completed: the days missed while no hub ran, then today once its time has come. */
    public List<DailyJobRun> catchUp() {
        LocalDate latestDue = latestDueDay();
        LocalDate from = days.lastCompleted().map(d -> d.plusDays(1)).orElse(latestDue);
        List<DailyJobRun> runs = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(latestDue); d = d.plusDays(1)) {
            runs.add(run(d));
        }
        return runs;
    }

    /** Today if the daily time has passed (UTC), else yesterday. */
    LocalDate latestDueDay() {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        return now.toLocalTime().isBefore(settings.dailyAt()) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
    }

    /** Emits the day's events and records the day as completed. */
    public DailyJobRun run(LocalDate day) {
        long started = System.nanoTime();
        CatalogSnapshot cat = catalog.current();
        LocalDate warrantyEnd = day.plusDays(settings.warrantyNoticeDays());
        Set<LocalDate> purchaseDates = purchaseDatesEndingOn(warrantyEnd, cat.modelsByGtin().values());
        UUID after = OwnerDirectory.FIRST_PAGE;
        long scanned = 0;
        int pages = 0;
        int anniversaries = 0;
        int notices = 0;
        int alreadyMade = 0;
        while (true) {
            OwnerDirectory.DuePage page = owners.dueOn(day, purchaseDates, after, settings.pageSize());
            if (page.scanned() == 0) {
                break;
            }
            pages++;
            scanned += page.scanned();
            after = page.last();
            List<HubEvent> events = eventsOf(page.due(), day, warrantyEnd, cat);
            if (!events.isEmpty()) {
                List<EventIngest.Receipt> receipts = ingest.store(events);
                for (int i = 0; i < events.size(); i++) {
                    if (!"accepted".equals(receipts.get(i).status())) {
                        alreadyMade++;
                    } else if (events.get(i).type() == EventType.OWNERSHIP_ANNIVERSARY) {
                        anniversaries++;
                    } else {
                        notices++;
                    }
                }
            }
            if (page.scanned() < settings.pageSize()) {
                break;
            }
        }
        DailyJobRun run = new DailyJobRun(day, scanned, pages, anniversaries, notices, alreadyMade,
                (System.nanoTime() - started) / 1_000_000);
        days.completed(run, clock.instant());
        log.info("Daily job for {}: {} ownerships scanned in {} pages, {} anniversaries and {} warranty notices made, "
                + "{} made before, in {} ms", day, scanned, pages, anniversaries, notices, alreadyMade, run.millis());
        return run;
    }

    /** The purchase dates whose standard warranty (of any model's length) ends on {@code end}. */
    static Set<LocalDate> purchaseDatesEndingOn(LocalDate end, Collection<CatalogSnapshot.Model> models) {
        Set<LocalDate> out = new TreeSet<>();
        models.stream().map(CatalogSnapshot.Model::warrantyMonths).filter(m -> m > 0).distinct().forEach(months -> {
            // month ends make several purchase dates end on one day (29, 30, 31 August + 6 months = 28 February)
            LocalDate around = end.minusMonths(months);
            for (LocalDate d = around.minusDays(3); !d.isAfter(around.plusDays(3)); d = d.plusDays(1)) {
                if (d.plusMonths(months).equals(end)) {
                    out.add(d);
                }
            }
        });
        return out;
    }

    private List<HubEvent> eventsOf(List<OwnerDirectory.DueOwnership> due, LocalDate day, LocalDate warrantyEnd,
                                    CatalogSnapshot cat) {
        if (due.isEmpty()) {
            return List.of();
        }
        Map<Long, UnitStore.UnitFacts> unitsById = units.byIds(due.stream().map(OwnerDirectory.DueOwnership::unitId).toList());
        List<OwnerDirectory.DueOwnership> warranty = new ArrayList<>();
        Set<UUID> warrantyEnds = new java.util.HashSet<>();
        for (OwnerDirectory.DueOwnership o : due) {
            UnitStore.UnitFacts unit = unitsById.get(o.unitId());
            CatalogSnapshot.Model model = unit == null ? null : cat.model(unit.gtin()).orElse(null);
            if (model != null && model.warrantyMonths() > 0 && o.purchaseDate().plusMonths(model.warrantyMonths()).equals(warrantyEnd)) {
                warranty.add(o);
                warrantyEnds.add(o.ownershipId());
            }
        }
        Map<UUID, Set<String>> owned = owners.ownedSkus(warranty.stream().map(OwnerDirectory.DueOwnership::ownerId).distinct().toList());
        var occurredAt = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<HubEvent> out = new ArrayList<>();
        for (OwnerDirectory.DueOwnership o : due) {
            UnitStore.UnitFacts unit = unitsById.get(o.unitId());
            if (unit == null) {
                continue;
            }
            if (o.anniversaryYear() > 0) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("year", o.anniversaryYear());
                attributes.put("anniversaryOn", day.toString());
                out.add(new HubEvent(UUID.randomUUID(), EventType.OWNERSHIP_ANNIVERSARY, SOURCE,
                        "anniversary:" + o.unitId() + ":" + o.ownerId() + ":" + o.anniversaryYear(), occurredAt,
                        unit.gtin(), unit.serial(), o.email(), attributes));
            }
            if (warrantyEnds.contains(o.ownershipId()) && !cat.hasWarrantyPlanFor(owned.getOrDefault(o.ownerId(), Set.of()), unit.gtin())) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("warrantyEndsOn", warrantyEnd.toString());
                attributes.put("daysLeft", (int) ChronoUnit.DAYS.between(day, warrantyEnd));
                out.add(new HubEvent(UUID.randomUUID(), EventType.WARRANTY_EXPIRING, SOURCE,
                        "warranty-expiring:" + o.unitId() + ":" + o.ownerId() + ":" + warrantyEnd, occurredAt,
                        unit.gtin(), unit.serial(), o.email(), attributes));
            }
        }
        return out;
    }
}
