package io.aftersaleshub.rules;

import java.util.List;

/** A rule set that cannot be used; each problem names the workbook and, where known, the cell. */
public class RuleSetInvalidException extends RuntimeException {

    private final List<String> problems;

    public RuleSetInvalidException(List<String> problems) {
        super("rule set rejected:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
