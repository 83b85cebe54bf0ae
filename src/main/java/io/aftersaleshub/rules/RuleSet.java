package io.aftersaleshub.rules;

import java.util.List;

import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;

/**
 * A compiled, validated set of decision tables. {@code version} is a content hash of the workbooks,
 * so the same spreadsheets always give the same version.
 */
public record RuleSet(String version, List<String> workbooks, List<String> ruleNames, KieBase kieBase,
                      ReleaseId releaseId) {
}
