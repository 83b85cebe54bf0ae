package io.aftersaleshub.offer;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import io.aftersaleshub.rules.KnownNames;
import io.aftersaleshub.rules.RuleSet;
import io.aftersaleshub.rules.RuleSetCompiler;
import io.aftersaleshub.rules.RuleSetInvalidException;
import io.aftersaleshub.rules.RulesController;
import io.aftersaleshub.rules.WorkbookSource;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/rules/simulate} (scope {@code rules}): a candidate workbook next to the active version, for
 * given {@code facts} (a JSON array), or one unit ({@code gtin}, {@code serial}) at a {@code moment}, or the
 * events recorded {@code from} … {@code to}. Records nothing.
 */
@RestController
public class RuleSimulationController {

    /** Facts simulated in one call at the most (each is a rules session's fact; recorded events have their own cap). */
    static final int MAX_FACTS = 10_000;

    private final RuleSimulation simulation;
    private final RuleSetCompiler compiler;
    private final KnownNames known;
    private final ObjectMapper json;
    private final UnitStore units;

    public RuleSimulationController(RuleSimulation simulation, RuleSetCompiler compiler, KnownNames known, ObjectMapper json,
                                    UnitStore units) {
        this.simulation = simulation;
        this.compiler = compiler;
        this.known = known;
        // a fact left out of a simulated case is 0 or false, as in a cases file; everything else stays strict
        this.json = json.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.units = units;
    }

    @PostMapping(path = "/api/rules/simulate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> simulate(@RequestPart("workbook") MultipartFile workbook,
                                      @RequestParam(required = false) String facts,
                                      @RequestParam(required = false) String gtin,
                                      @RequestParam(required = false) String serial,
                                      @RequestParam(required = false) String moment,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) throws IOException {
        Problems problems = new Problems();
        boolean byFacts = facts != null && !facts.isBlank();
        boolean byUnit = gtin != null && !gtin.isBlank();
        boolean byRange = from != null && !from.isBlank();
        if ((byFacts ? 1 : 0) + (byUnit ? 1 : 0) + (byRange ? 1 : 0) != 1) {
            problems.add("facts", "give exactly one of: facts, gtin+serial+moment, from+to");
        }
        Moment m = null;
        if (byUnit) {
            problems.check("gtin", Gtin.problemWith(gtin));
            if (problems.require("serial", serial)) {
                problems.check("serial", Serial.problemWith(serial));
            }
            m = moment == null ? null : Moment.named(moment).orElse(null);
            if (m == null) {
                problems.add("moment", "must be one of " + Moment.names());
            }
        }
        Instant start = byRange ? instant(problems, "from", from) : null;
        Instant end = byRange ? instant(problems, "to", to) : null;
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add("to", "must be after from");
        }
        List<FactValues> factValues = new ArrayList<>();
        List<Set<String>> owned = new ArrayList<>();
        if (byFacts) {
            readFacts(problems, facts, factValues, owned);
        }
        problems.throwIfAny();
        if (byUnit && units.find(Gtin.parse(gtin).value(), serial.trim()).isEmpty()) {
            throw RequestRejectedException.of(HttpStatus.NOT_FOUND, "serial", "names no unit of this GTIN");
        }

        WorkbookSource source = RulesController.upload(workbook, null);
        RuleSet candidate;
        try {
            candidate = compiler.compile(List.of(source), known);
        } catch (RuleSetInvalidException e) {
            return RulesController.refused(e);
        }
        try {
            RuleSimulation.Report report = byFacts ? simulation.facts(candidate, factValues, owned)
                    : byUnit ? simulation.unitAt(candidate, gtin.trim(), serial.trim(), m, null)
                    : simulation.recorded(candidate, start, end);
            return ResponseEntity.ok(report);
        } finally {
            compiler.release(candidate);
        }
    }

    private static Instant instant(Problems problems, String field, String text) {
        if (!problems.require(field, text)) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
            return null;
        }
    }

    private void readFacts(Problems problems, String text, List<FactValues> out, List<Set<String>> owned) {
        try {
            JsonNode node = json.readTree(text);
            if (!node.isArray()) {
                problems.add("facts", "must be a JSON array of facts objects");
                return;
            }
            if (node.size() > MAX_FACTS) {
                problems.add("facts", "holds " + node.size() + " facts; at most " + MAX_FACTS + " are simulated at once");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                ObjectNode o = (ObjectNode) node.get(i).deepCopy();
                JsonNode factMoment = o.get("moment");
                if (factMoment != null && !factMoment.isNull() && Moment.named(factMoment.asText()).isEmpty()) {
                    problems.add("facts[" + i + "].moment", "must be one of " + Moment.names());
                }
                Set<String> skus = new LinkedHashSet<>();
                JsonNode ownedNode = o.remove("ownedSkus");
                if (ownedNode != null) {
                    ownedNode.forEach(s -> skus.add(s.asText()));
                }
                out.add(json.convertValue(o, FactValues.class));
                owned.add(skus);
            }
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            problems.add("facts", "must be a JSON array of objects with the vocabulary's facts (and ownedSkus): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
