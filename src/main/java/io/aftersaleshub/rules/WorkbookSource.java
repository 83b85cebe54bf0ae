package io.aftersaleshub.rules;

/** One decision-table workbook ({@code *.drl.xlsx}) and, if present, its expected cases ({@code *.cases.csv}). */
public record WorkbookSource(String name, byte[] workbook, String casesCsv) {

    /** {@code offers.drl.xlsx} → {@code offers.cases.csv}. */
    public static String casesNameFor(String workbookName) {
        return workbookName.replaceFirst("\\.drl\\.xlsx?$", "") + ".cases.csv";
    }
}
