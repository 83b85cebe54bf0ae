package io.aftersaleshub.rules;

import java.util.List;

/** A rule set that cannot be used; each error names the workbook and, where known, the sheet and cell. */
public class RuleSetInvalidException extends RuntimeException {

    private final List<CellProblem> errors;
    private final List<CellProblem> warnings;
    private final Long version;

    public RuleSetInvalidException(List<CellProblem> errors, List<CellProblem> warnings) {
        this(errors, warnings, null);
    }

    /** The same refusal, recorded as stored version {@code version}. */
    public RuleSetInvalidException(List<CellProblem> errors, List<CellProblem> warnings, Long version) {
        super("rule set refused:\n  - " + String.join("\n  - ", errors.stream().map(CellProblem::toString).toList()));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.version = version;
    }

    /** The stored (REFUSED) version this refusal was recorded as, or null. */
    public Long version() {
        return version;
    }

    public List<CellProblem> errors() {
        return errors;
    }

    public List<CellProblem> warnings() {
        return warnings;
    }

    /** The errors as lines: {@code offers.drl.xlsx › Offers › D12: unknown model …}. */
    public List<String> problems() {
        return errors.stream().map(CellProblem::toString).toList();
    }
}
