package io.aftersaleshub.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.internal.builder.conf.ParallelRulesBuildThresholdOption;
import org.springframework.stereotype.Component;

/**
 * Turns workbooks into a {@link RuleSet}: each is read as data by {@link OfferWorkbookReader} (every
 * mistake reported at its cell), then the hub itself writes the DRL from the validated values, so no cell
 * text ever becomes code. Drools never sees the spreadsheet.
 */
@Component
public class RuleSetCompiler {

    public RuleSet compile(List<WorkbookSource> workbooks) {
        return compile(workbooks, KnownNames.NONE);
    }

    public RuleSet compile(List<WorkbookSource> workbooks, KnownNames known) {
        if (workbooks.isEmpty()) {
            throw new RuleSetInvalidException(List.of(new CellProblem(null, null, null,
                    "no decision table (*.drl.xlsx) found")), List.of());
        }
        List<CellProblem> errors = new ArrayList<>();
        List<CellProblem> warnings = new ArrayList<>();
        List<OfferRow> rows = new ArrayList<>();
        for (WorkbookSource wb : workbooks) {
            OfferWorkbookReader.Result r = OfferWorkbookReader.read(wb.name(), wb.workbook(), known);
            errors.addAll(r.problems());
            warnings.addAll(r.warnings());
            rows.addAll(r.rows());
        }
        Map<String, OfferRow> byName = new HashMap<>();
        for (OfferRow row : rows) {
            OfferRow first = byName.putIfAbsent(row.name(), row);
            if (first != null && !first.workbook().equals(row.workbook())) {
                errors.add(new CellProblem(row.workbook(), row.sheet(), row.nameCell(),
                        "two rows are named '" + row.name() + "' (also " + first.where() + "); every row needs its own name"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleSetInvalidException(errors, warnings.stream().distinct().toList());
        }
        String sha = sha256(workbooks);
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.aftersaleshub", "offer-rules", "1.0.0-" + sha.substring(0, 16)
                + "-" + System.nanoTime());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // one build thread, not one per core: decisions keep a core while a big table builds
        kfs.writeKModuleXML(ks.newKieModuleModel()
                .setConfigurationProperty(ParallelRulesBuildThresholdOption.PROPERTY_NAME, String.valueOf(Integer.MAX_VALUE)).toXML());
        kfs.write("src/main/resources/io/aftersaleshub/rules/offers/offers.drl", drl(rows));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> buildErrors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!buildErrors.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetInvalidException(buildErrors.stream().map(m -> new CellProblem(null, null, null,
                    "the rules could not be built (a fault of the hub, not of the workbook): "
                            + m.getText().replaceAll("\\s+", " ").trim())).toList(), warnings);
        }
        var kieBase = ks.newKieContainer(releaseId).getKieBase();
        return new RuleSet(sha.substring(0, 12), sha, workbooks.stream().map(WorkbookSource::name).toList(),
                rows.stream().map(OfferRow::name).toList(), List.copyOf(rows), kieBase, releaseId,
                warnings.stream().distinct().toList());
    }

    /** The DRL of validated rows: values only ever appear as quoted names of a restricted alphabet, numbers or booleans. */
    static String drl(List<OfferRow> rows) {
        // MVEL consequences are not compiled to a Java class per rule: a 5,000-row table builds in seconds
        StringBuilder s = new StringBuilder("package ").append(OfferWorkbookReader.PACKAGE).append(";\n\nimport ")
                .append(OfferWorkbookReader.IMPORT).append(";\n\ndialect \"mvel\"\n");
        int salience = rows.size();
        for (OfferRow row : rows) {
            s.append('\n');
            s.append("rule ").append(quote(row.name())).append("\nsalience ").append(salience--).append("\nwhen\n    $f : OfferFacts(");
            s.append(row.conditions().stream().map(RuleSetCompiler::condition).collect(Collectors.joining(", ")));
            s.append(")\nthen\n    $f.propose(drools.getRule().getName(), ")
                    .append(row.action(TemplateColumn.OFFER).map(v -> quote((String) v.value())).orElse("null"));
            for (String action : List.of(TemplateColumn.PRIORITY, TemplateColumn.DISCOUNT, TemplateColumn.VALID_HOURS)) {
                s.append(", ").append(row.action(action).map(OfferRow.Value::value).orElse(0));
            }
            s.append(");\nend\n");
        }
        return s.toString();
    }

    private static String condition(OfferRow.Value v) {
        if (v.value() instanceof List<?> names) {
            return names.size() == 1 ? v.column().name() + " == " + quote((String) names.get(0))
                    : v.column().name() + " in (" + names.stream().map(n -> quote((String) n)).collect(Collectors.joining(", ")) + ")";
        }
        return v.column().name() + " " + v.column().operator() + " " + v.value();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ") + '"';
    }

    /** Frees the compiled module of a rule set that is no longer active. */
    public void release(RuleSet ruleSet) {
        if (ruleSet.releaseId() != null) {
            KieServices.Factory.get().getRepository().removeKieModule(ruleSet.releaseId());
        }
    }

    static String versionOf(List<WorkbookSource> workbooks) {
        return sha256(workbooks).substring(0, 12);
    }

    /** The SHA-256 (hex) of the workbooks' names and contents, in name order. */
    static String sha256(List<WorkbookSource> workbooks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            workbooks.stream().sorted(Comparator.comparing(WorkbookSource::name)).forEach(wb -> {
                sha.update(wb.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(wb.workbook());
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
