package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Everything a rule set must pass before it may serve: it compiles (every cell valid), every workbook has
 * its cases file and every case passes; the lint's warnings travel along. Touches nothing that serves.
 */
@Component
public class RuleSetCheck {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RuleSetCheck.class);

    private static final Pattern CASES_LINE = Pattern.compile("^(\\S+) line (\\d+): (.*)$", Pattern.DOTALL);
    private static final Pattern CASES_FILE = Pattern.compile("^(\\S+): (.*)$", Pattern.DOTALL);

    private final RuleSetCompiler compiler;
    private final KnownNames known;

    public RuleSetCheck(RuleSetCompiler compiler, KnownNames known) {
        this.compiler = compiler;
        this.known = known;
    }

    /** A compiled rule set with its warnings, or {@link RuleSetInvalidException} with errors and warnings. */
    public RuleSet check(List<WorkbookSource> workbooks) {
        long t0 = System.nanoTime();
        RuleSet candidate = compiler.compile(workbooks, known);
        long t1 = System.nanoTime();
        List<CellProblem> warnings = new ArrayList<>(candidate.warnings());
        warnings.addAll(RuleLint.warnings(candidate.rows(), known));
        long t2 = System.nanoTime();
        List<CellProblem> errors = new ArrayList<>();
        List<OfferCase> cases = new ArrayList<>();
        for (WorkbookSource wb : workbooks) {
            String casesName = WorkbookSource.casesNameFor(wb.name());
            if (wb.casesCsv() == null) {
                errors.add(new CellProblem(wb.name(), null, null, "has no " + casesName
                        + " of expected outcomes: upload one with the workbook (part 'cases')"));
            } else {
                List<String> problems = new ArrayList<>();
                cases.addAll(OfferCasesCsv.parse(casesName, wb.casesCsv(), problems));
                problems.forEach(p -> errors.add(casesProblem(p)));
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(OfferCaseRunner.failures(candidate, cases));
        }
        log.info("Rule set of {} rows checked: compiled in {} ms, linted in {} ms, cases in {} ms", candidate.rows().size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        if (!errors.isEmpty()) {
            compiler.release(candidate);
            throw new RuleSetInvalidException(errors, warnings);
        }
        return candidate.withWarnings(warnings);
    }

    public void release(RuleSet ruleSet) {
        compiler.release(ruleSet);
    }

    /** "offers.cases.csv line 3: …" → file, cell "line 3", message. */
    static CellProblem casesProblem(String p) {
        Matcher m = CASES_LINE.matcher(p);
        if (m.matches()) {
            return new CellProblem(m.group(1), null, "line " + m.group(2), m.group(3));
        }
        m = CASES_FILE.matcher(p);
        return m.matches() ? new CellProblem(m.group(1), null, null, m.group(2)) : new CellProblem(null, null, null, p);
    }
}
