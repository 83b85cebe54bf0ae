package io.aftersaleshub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule set decisions use now. A candidate set is compiled and must pass every expected case of its
 * workbooks before it replaces the active one; a rejected set changes nothing.
 */
@Component
public class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);

    private final WorkbookLoader loader;
    private final RuleSetCompiler compiler;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    public ActiveRuleSet(WorkbookLoader loader, RuleSetCompiler compiler) {
        this.loader = loader;
        this.compiler = compiler;
        deploy(loader.load());
        log.info("Rule set {} active from {}: {} rules", current().version(), loader.location(), current().ruleNames().size());
    }

    public RuleSet current() {
        return active.get();
    }

    /** Compiles, checks the cases, then swaps; throws {@link RuleSetInvalidException} and keeps the old set otherwise. */
    public synchronized RuleSet deploy(List<WorkbookSource> workbooks) {
        RuleSet candidate = compiler.compile(workbooks);
        List<String> problems = new ArrayList<>();
        List<OfferCase> cases = new ArrayList<>();
        for (WorkbookSource wb : workbooks) {
            String casesName = WorkbookSource.casesNameFor(wb.name());
            if (wb.casesCsv() == null) {
                problems.add(wb.name() + ": has no " + casesName + " of expected outcomes");
            } else {
                cases.addAll(OfferCasesCsv.parse(casesName, wb.casesCsv(), problems));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(OfferCaseRunner.failures(candidate, cases));
        }
        if (!problems.isEmpty()) {
            compiler.release(candidate);
            throw new RuleSetInvalidException(problems);
        }
        RuleSet previous = active.getAndSet(candidate);
        if (previous != null && !previous.releaseId().equals(candidate.releaseId())) {
            compiler.release(previous);
        }
        return candidate;
    }
}
