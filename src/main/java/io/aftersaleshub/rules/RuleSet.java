package io.aftersaleshub.rules;

import java.util.List;

import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;

/**
 * A compiled, validated set of decision tables. {@code sha256} is the content hash of the workbooks;
 * {@code version} is the stored version's number once it is stored (decisions record it), else the first
 * 12 characters of the hash. {@link #empty()} is the set with no rules the hub falls back to when it has
 * no good version at all.
 */
public record RuleSet(String version, String sha256, List<String> workbooks, List<String> ruleNames, List<OfferRow> rows,
                      KieBase kieBase, ReleaseId releaseId, List<CellProblem> warnings) {

    public static RuleSet empty() {
        return new RuleSet("none", "", List.of(), List.of(), List.of(), null, null, List.of());
    }

    public boolean isEmpty() {
        return kieBase == null;
    }

    public RuleSet withVersion(String v) {
        return new RuleSet(v, sha256, workbooks, ruleNames, rows, kieBase, releaseId, warnings);
    }

    public RuleSet withWarnings(List<CellProblem> w) {
        return new RuleSet(version, sha256, workbooks, ruleNames, rows, kieBase, releaseId, List.copyOf(w));
    }
}
