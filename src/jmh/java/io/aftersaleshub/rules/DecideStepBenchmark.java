package io.aftersaleshub.rules;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.catalog.CatalogSnapshot;
import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;
import io.aftersaleshub.rules.vocabulary.OfferCandidate;
import io.aftersaleshub.rules.vocabulary.OfferFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-memory part of the decide step, per event, once a batch's rows are loaded: OfferFacts from
 * FactValues for {@value #BATCH} varied events, one stateless Drools session over the batch
 * ({@link OfferEvaluator#evaluate}), then {@link OfferGuardrails#choose} per event with catalogue-backed
 * limits as in {@code DecideStep}. {@link #withoutDrools} does the same work with each event's candidates
 * proposed from a list precomputed by the same table, so that the rules engine's share can be quoted.
 * Run with {@code bench/jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideStepBenchmark {

    static final int BATCH = 500;
    static final int GENERATED_ROWS = 1000;
    static final String[] MODELS = {"EM-100", "EM-300", "EM-500", "GR-20", "GR-40"};
    static final String[] CATEGORIES = {"descaling", "leak", "milk-system", "grinding", "noise", "other"};
    static final String[] CHANNELS = {"web", "retail", "app"};
    static final String[] COUNTRIES = {"DE", "FR", "NL", "AT", "IT"};

    /** {@code demo}: rules/offers.drl.xlsx; {@code rows1000}: a generated table of 1,000 varied rows. */
    @Param({"demo", "rows1000"})
    public String table;

    private RuleSet ruleSet;
    private CatalogSnapshot catalog;
    private final List<Event> events = new ArrayList<>();
    /** Per event, what the table proposed in setup: the baseline re-proposes these without Drools. */
    private final List<List<OfferCandidate>> precomputed = new ArrayList<>();

    /** One event of the batch with what the step has loaded for it. */
    record Event(FactValues values, String gtin, Set<String> owned) {
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = repoRoot();
        catalog = demoCatalog(root);
        byte[] workbook = switch (table) {
            case "demo" -> Files.readAllBytes(root.resolve("rules/offers.drl.xlsx"));
            case "rows1000" -> OffersWorkbookWriter.write(generatedRows(GENERATED_ROWS, catalog));
            default -> throw new IllegalArgumentException("unknown table " + table);
        };
        ruleSet = new RuleSetCompiler().compile(List.of(new WorkbookSource(table + ".drl.xlsx", workbook, null)));
        events.addAll(events(BATCH, catalog));

        List<OfferFacts> facts = events.stream().map(e -> new OfferFacts(e.values())).toList();
        OfferEvaluator.evaluate(ruleSet, facts);
        int proposals = 0;
        int offers = 0;
        for (int i = 0; i < facts.size(); i++) {
            List<OfferCandidate> candidates = facts.get(i).candidates();
            precomputed.add(candidates);
            proposals += candidates.size();
            if (OfferGuardrails.choose(candidates, limits(events.get(i))).offer() != null) {
                offers++;
            }
        }
        System.out.printf("%n[setup] table=%s rules=%d events=%d candidates=%d offers=%d%n",
                table, ruleSet.ruleNames().size(), events.size(), proposals, offers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        new RuleSetCompiler().release(ruleSet);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decide(Blackhole bh) {
        List<OfferFacts> facts = new ArrayList<>(events.size());
        for (Event e : events) {
            facts.add(new OfferFacts(e.values()));
        }
        OfferEvaluator.evaluate(ruleSet, facts);
        for (int i = 0; i < facts.size(); i++) {
            bh.consume(OfferGuardrails.choose(facts.get(i).candidates(), limits(events.get(i))));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void withoutDrools(Blackhole bh) {
        List<OfferFacts> facts = new ArrayList<>(events.size());
        for (Event e : events) {
            facts.add(new OfferFacts(e.values()));
        }
        for (int i = 0; i < facts.size(); i++) {
            OfferFacts f = facts.get(i);
            for (OfferCandidate c : precomputed.get(i)) {
                // what a matching row's action cells do
                f.offer(c.ruleName(), c.sku());
                f.priority(c.ruleName(), c.priority());
                f.discountPercent(c.ruleName(), c.discountPercent());
                f.validHours(c.ruleName(), c.validHours());
            }
        }
        for (int i = 0; i < facts.size(); i++) {
            bh.consume(OfferGuardrails.choose(facts.get(i).candidates(), limits(events.get(i))));
        }
    }

    /** As in DecideStep: known, fits the unit's model, not owned (a bundle counts as owned when all its contents are). */
    private OfferGuardrails.Limits limits(Event e) {
        CatalogSnapshot cat = catalog;
        Set<String> owned = e.owned();
        String gtin = e.gtin();
        return new OfferGuardrails.Limits(
                sku -> cat.item(sku).isPresent(),
                sku -> cat.item(sku).map(i -> i.fits(gtin)).orElse(false),
                sku -> cat.item(sku).map(i -> owned.contains(i.sku())
                        || (!i.contents().isEmpty() && owned.containsAll(i.contents()))).orElse(false),
                true, false);
    }

    // ---- data -------------------------------------------------------------------------------------

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("rules/offers.drl.xlsx"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from the repository (rules/offers.drl.xlsx not found)");
        }
        return dir;
    }

    static CatalogSnapshot demoCatalog(Path root) throws IOException {
        JsonNode json;
        try (InputStream in = Files.newInputStream(root.resolve("src/main/resources/demo/catalog.json"))) {
            json = new ObjectMapper().readTree(in);
        }
        Map<String, CatalogSnapshot.Model> models = new LinkedHashMap<>();
        for (JsonNode m : json.get("models")) {
            models.put(m.get("gtin").asText(), new CatalogSnapshot.Model(m.get("gtin").asText(), m.get("model").asText(),
                    m.get("productLine").asText(), m.get("warrantyMonths").asInt(),
                    m.hasNonNull("successorGtin") ? m.get("successorGtin").asText() : null));
        }
        Map<String, CatalogSnapshot.Item> items = new LinkedHashMap<>();
        for (JsonNode i : json.get("items")) {
            Set<String> gtins = new HashSet<>();
            i.path("compatibleGtins").forEach(g -> gtins.add(g.asText()));
            List<String> contents = new ArrayList<>();
            i.path("contents").forEach(c -> contents.add(c.asText()));
            items.put(i.get("sku").asText(), new CatalogSnapshot.Item(i.get("sku").asText(),
                    ItemType.valueOf(i.get("type").asText()), i.get("name").asText(),
                    new BigDecimal(i.get("price").asText()), i.get("currency").asText(), Set.copyOf(gtins),
                    List.copyOf(contents)));
        }
        return new CatalogSnapshot(Map.copyOf(models), Map.copyOf(items), Instant.EPOCH);
    }

    /** Events cycling through all moments and models, with varied ages, categories and owned items. */
    static List<Event> events(int n, CatalogSnapshot cat) {
        SplittableRandom rnd = new SplittableRandom(42);
        Map<String, CatalogSnapshot.Model> byCode = new HashMap<>();
        cat.modelsByGtin().values().forEach(m -> byCode.put(m.modelCode(), m));
        List<String> skus = List.copyOf(cat.itemsBySku().keySet());
        Moment[] moments = Moment.values();
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Moment moment = moments[i % moments.length];
            CatalogSnapshot.Model model = byCode.get(MODELS[(i / moments.length) % MODELS.length]);
            int age = rnd.nextInt(0, 5 * 365);
            int daysOwned = rnd.nextInt(4) == 0 ? rnd.nextInt(0, age + 1) : age;
            int warrantyDays = model.warrantyMonths() * 30;
            boolean warrantyActive = age <= warrantyDays;
            Set<String> owned = new HashSet<>();
            for (int k = rnd.nextInt(0, 3); k > 0; k--) {
                owned.add(skus.get(rnd.nextInt(skus.size())));
            }
            boolean extended = owned.stream().map(cat::item).flatMap(java.util.Optional::stream)
                    .anyMatch(it -> it.type() == ItemType.WARRANTY_PLAN && it.fits(model.gtin()));
            Map<String, String> attributes = new LinkedHashMap<>();
            String category = null;
            if (moment == Moment.SUPPORT_CLOSED) {
                category = CATEGORIES[rnd.nextInt(CATEGORIES.length)];
                attributes.put("category", category);
                attributes.put("resolution", rnd.nextBoolean() ? "resolved" : "replaced");
            }
            int year = daysOwned / 365 + 1;
            if (moment == Moment.ANNIVERSARY) {
                attributes.put("year", String.valueOf(year));
            }
            FactValues values = new FactValues(moment.name(), model.productLine(), model.modelCode(), "EU",
                    CHANNELS[rnd.nextInt(CHANNELS.length)], COUNTRIES[rnd.nextInt(COUNTRIES.length)], age, daysOwned,
                    year, warrantyActive, warrantyActive ? warrantyDays - age : 0, extended, model.successorGtin() != null,
                    category, attributes.get("resolution"), daysOwned < age, 0, attributes);
            out.add(new Event(values, model.gtin(), Set.copyOf(owned)));
        }
        return out;
    }

    /**
     * Rows in the layout of {@link OffersWorkbookWriter}: name, moment, product line, model, warranty active,
     * min age, max age, case category, SKU, priority, discount %, valid hours; conditions vary per row.
     */
    static List<String[]> generatedRows(int n, CatalogSnapshot cat) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> skus = List.copyOf(cat.itemsBySku().keySet());
        Moment[] moments = Moment.values();
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Moment moment = moments[rnd.nextInt(moments.length)];
            int m = rnd.nextInt(MODELS.length);
            String line = MODELS[m].startsWith("EM") ? "espresso" : "grinder";
            String model = rnd.nextInt(3) == 0 ? MODELS[m] : "";
            String warranty = switch (rnd.nextInt(4)) {
                case 0 -> "true";
                case 1 -> "false";
                default -> "";
            };
            String minAge = "";
            String maxAge = "";
            if (rnd.nextBoolean()) {
                int lo = rnd.nextInt(0, 4 * 365);
                minAge = String.valueOf(lo);
                if (rnd.nextBoolean()) {
                    maxAge = String.valueOf(lo + rnd.nextInt(30, 2 * 365));
                }
            } else if (rnd.nextInt(3) == 0) {
                maxAge = String.valueOf(rnd.nextInt(30, 3 * 365));
            }
            String category = moment == Moment.SUPPORT_CLOSED && rnd.nextInt(3) > 0
                    ? CATEGORIES[rnd.nextInt(CATEGORIES.length)] : "";
            String sku = skus.get(rnd.nextInt(skus.size()));
            rows.add(new String[] {
                    String.format("Row %04d: %s %s%s %s", i + 1, moment, line, model.isEmpty() ? "" : " " + model, sku),
                    moment.name(), line, model, warranty, minAge, maxAge, category, "", "", "", "", "", sku,
                    String.valueOf(rnd.nextInt(1, 200)), String.valueOf(rnd.nextInt(0, 6) * 5),
                    String.valueOf(24 * rnd.nextInt(1, 15))});
        }
        return rows;
    }
}
