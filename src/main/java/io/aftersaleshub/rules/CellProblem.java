package io.aftersaleshub.rules;

/**
 * One message about a rule set, placed where an analyst fixes it: the workbook (or cases file), the sheet
 * and the cell (or {@code line 3} of a cases file). Any part but the workbook may be null.
 * Reads {@code offers.drl.xlsx › Offers › D12: unknown model 'EM-1000' (did you mean 'EM-100'?)}.
 */
public record CellProblem(String workbook, String sheet, String cell, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(workbook == null ? "rules" : workbook);
        if (sheet != null) {
            s.append(" › ").append(sheet);
        }
        if (cell != null) {
            s.append(" › ").append(cell);
        }
        return s.append(": ").append(message).toString();
    }
}
