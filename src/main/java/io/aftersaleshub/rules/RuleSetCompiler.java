package io.aftersaleshub.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.springframework.stereotype.Component;

/**
 * Turns workbooks into a {@link RuleSet}. Each workbook is first compiled to DRL so that a build error
 * on a DRL line can be traced back, through the {@code // rule values at B10, header at B5} comments the
 * spreadsheet compiler writes, to the cell an analyst must fix.
 */
@Component
public class RuleSetCompiler {

    private static final Pattern MOMENT_CONDITION = Pattern.compile("\\bmoment\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern CELL_COMMENT = Pattern.compile("//\\s*rule values at ([A-Z]+\\d+), header at ([A-Z]+\\d+)");

    public RuleSet compile(List<WorkbookSource> workbooks) {
        if (workbooks.isEmpty()) {
            throw new RuleSetInvalidException(List.of("no decision table (*.drl.xlsx) found"));
        }
        List<String> problems = new ArrayList<>();
        List<String> drls = new ArrayList<>();
        for (WorkbookSource wb : workbooks) {
            try {
                drls.add(new SpreadsheetCompiler().compile(new ByteArrayInputStream(wb.workbook()), InputType.XLS));
            } catch (RuntimeException e) {
                problems.add(wb.name() + ": cannot be read as a decision table: " + rootMessage(e));
                drls.add(null);
            }
        }
        if (problems.isEmpty()) {
            for (int i = 0; i < workbooks.size(); i++) {
                problems.addAll(unknownMoments(workbooks.get(i).name(), drls.get(i)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetInvalidException(problems);
        }

        String version = versionOf(workbooks);
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.aftersaleshub", "offer-rules", "1.0.0-" + version);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (int i = 0; i < workbooks.size(); i++) {
            // the folder matches the package the workbooks declare, as Drools expects
            kfs.write("src/main/resources/io/aftersaleshub/rules/offers/" + i + "-" + drlName(workbooks.get(i).name()), drls.get(i));
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            int index = workbookIndex(m.getPath());
            String name = index >= 0 ? workbooks.get(index).name() : String.valueOf(m.getPath());
            String where = index >= 0 ? cellFor(drls.get(index), m.getLine()) : "";
            problems.add(name + where + ": " + m.getText().replaceAll("\\s+", " ").trim());
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetInvalidException(problems);
        }
        var kieBase = ks.newKieContainer(releaseId).getKieBase();
        List<String> ruleNames = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                ruleNames.add(r.getName());
            }
        }
        if (ruleNames.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetInvalidException(List.of("the decision tables hold no rules (is there a RuleTable row?)"));
        }
        return new RuleSet(version, workbooks.stream().map(WorkbookSource::name).toList(), List.copyOf(ruleNames),
                kieBase, releaseId);
    }

    /** A Moment cell must name a moment the hub knows; a typo would otherwise silently never match. */
    static List<String> unknownMoments(String workbook, String drl) {
        List<String> problems = new ArrayList<>();
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MOMENT_CONDITION.matcher(lines[i]);
            while (m.find()) {
                String value = m.group(1);
                if (Moment.named(value).isEmpty()) {
                    problems.add(workbook + cellFor(drl, i + 1) + ": unknown moment '" + value + "'; moments: " + Moment.names());
                }
            }
        }
        return problems;
    }

    /** Frees the compiled module of a rule set that is no longer active. */
    public void release(RuleSet ruleSet) {
        KieServices.Factory.get().getRepository().removeKieModule(ruleSet.releaseId());
    }

    static String versionOf(List<WorkbookSource> workbooks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            workbooks.stream().sorted(java.util.Comparator.comparing(WorkbookSource::name)).forEach(wb -> {
                sha.update(wb.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(wb.workbook());
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** " (row at B10, column header at B5)" for the DRL line, from the nearest comment above it. */
    static String cellFor(String drl, int line) {
        if (drl == null || line <= 0) {
            return "";
        }
        String[] lines = drl.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher m = CELL_COMMENT.matcher(lines[i]);
            if (m.find()) {
                return " (row at cell " + m.group(1) + ", column header at cell " + m.group(2) + ")";
            }
        }
        return "";
    }

    private static int workbookIndex(String path) {
        if (path == null) {
            return -1;
        }
        Matcher m = Pattern.compile("rules/offers/(\\d+)-").matcher(path);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String drlName(String workbookName) {
        return workbookName.replaceAll("[^A-Za-z0-9_.-]", "_").replaceFirst("\\.drl\\.xlsx?$", "") + ".drl";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
