package io.aftersaleshub.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes offer decision tables in the layout of {@code rules/offers.drl.xlsx}, so that tests can build
 * small tables (good and broken) without a spreadsheet program. Rows: name, moment, product line,
 * model, warranty active, min age, max age, case category, resolution, min ownership year, has successor,
 * new owner, max offers in 30 days, SKU, priority, discount %, valid hours ("" = blank cell).
 */
final class OffersWorkbookWriter {

    static final String[] CONDITIONS = {
            "moment == \"$param\"", "productLine == \"$param\"", "modelCode == \"$param\"",
            "warrantyActive == $param", "unitAgeDays >= $param", "unitAgeDays <= $param", "caseCategory == \"$param\"",
            "supportResolution == \"$param\"", "ownershipYear >= $param", "hasSuccessor == $param", "newOwner == $param",
            "offersLast30Days <= $param"};
    static final String[] ACTIONS = {
            "$f.offer(drools.getRule().getName(), \"$param\");",
            "$f.priority(drools.getRule().getName(), $param);",
            "$f.discountPercent(drools.getRule().getName(), $param);",
            "$f.validHours(drools.getRule().getName(), $param);"};
    static final String[] LABELS = {"Name", "Moment", "Product line", "Model", "Warranty active",
            "Min age (days)", "Max age (days)", "Case category", "Resolution", "Min ownership year", "Has successor",
            "New owner", "Max offers (30 days)", "Offer SKU", "Priority", "Discount %", "Valid (hours)"};

    private OffersWorkbookWriter() {
    }

    static byte[] write(List<String[]> rows) {
        return write(rows, CONDITIONS);
    }

    static byte[] write(List<String[]> rows, String[] conditions) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Offers");
            sheet.createRow(0).createCell(0).setCellValue("RuleSet");
            sheet.getRow(0).createCell(1).setCellValue("io.aftersaleshub.rules.offers");
            sheet.createRow(1).createCell(0).setCellValue("Import");
            sheet.getRow(1).createCell(1).setCellValue("io.aftersaleshub.rules.vocabulary.OfferFacts");
            sheet.createRow(2).createCell(0).setCellValue("Notes");
            sheet.getRow(2).createCell(1).setCellValue(
                    "One row proposes one offer. Blank condition = any. Highest priority that passes the guardrails wins."
                            + " See rules/README.md.");
            sheet.createRow(4).createCell(0).setCellValue("RuleTable Offers");
            Row kinds = sheet.createRow(5);
            Row types = sheet.createRow(6);
            Row snippets = sheet.createRow(7);
            Row labels = sheet.createRow(8);
            kinds.createCell(0).setCellValue("NAME");
            int col = 1;
            for (String c : conditions) {
                kinds.createCell(col).setCellValue("CONDITION");
                types.createCell(col).setCellValue(col == 1 ? "$f : OfferFacts" : "");
                snippets.createCell(col).setCellValue(c);
                col++;
            }
            // the object type must span every CONDITION column, blank cells under the merge included
            sheet.addMergedRegion(new CellRangeAddress(6, 6, 1, conditions.length));
            for (String a : ACTIONS) {
                kinds.createCell(col).setCellValue("ACTION");
                snippets.createCell(col).setCellValue(a);
                col++;
            }
            for (int i = 0; i < LABELS.length; i++) {
                labels.createCell(i).setCellValue(LABELS[i]);
            }
            int r = 9;
            for (String[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null && !values[i].isEmpty()) {
                        row.createCell(i).setCellValue(values[i]);
                    }
                }
            }
            for (int i = 0; i < LABELS.length; i++) {
                sheet.autoSizeColumn(i);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] r(String... cells) {
        if (cells.length != LABELS.length) {
            throw new IllegalArgumentException(cells[0] + ": " + cells.length + " cells, the layout has " + LABELS.length);
        }
        return cells;
    }

    /** Writes the demo table once; kept so the demo can be regenerated after a layout change. */
    public static void main(String[] args) throws IOException {
        // name, moment, line, model, warranty, min age, max age, category, resolution, min year, successor, new owner,
        // max offers in 30 days, SKU, priority, discount, valid hours
        List<String[]> demo = List.of(
                r("Espresso: warranty extension at registration", "REGISTRATION", "espresso", "", "true", "", "", "", "", "", "", "", "", "WX-ESP-2Y", "100", "20", "48"),
                r("Espresso: milk jug for steam-wand models", "REGISTRATION", "espresso", "", "", "", "", "", "", "", "", "", "", "ACC-MILK-JUG", "80", "10", "168"),
                r("Espresso EM-100: 54 mm tamper", "REGISTRATION", "espresso", "EM-100", "", "", "", "", "", "", "", "", "", "ACC-TAMPER-54", "70", "10", "168"),
                r("Espresso: care kit at registration", "REGISTRATION", "espresso", "", "", "", "", "", "", "", "", "", "", "KIT-ESP-CARE", "50", "15", "168"),
                r("Grinder: warranty extension at registration", "REGISTRATION", "grinder", "", "true", "", "", "", "", "", "", "", "", "WX-GRD-1Y", "100", "20", "48"),
                r("Grinder: burr set at registration", "REGISTRATION", "grinder", "", "", "", "", "", "", "", "", "", "", "PART-BURR-GR", "50", "10", "168"),
                r("Espresso: warranty extension after a replacement", "SUPPORT_CLOSED", "espresso", "", "true", "", "", "", "replaced", "", "", "", "", "WX-ESP-2Y", "120", "25", "168"),
                r("Espresso: descaler after a descaling case", "SUPPORT_CLOSED", "espresso", "", "", "", "", "descaling", "", "", "", "", "", "PART-DESCALER", "100", "15", "168"),
                r("Espresso: gasket after a leak", "SUPPORT_CLOSED", "espresso", "", "", "", "", "leak", "", "", "", "", "", "PART-GASKET-EM", "100", "15", "168"),
                r("Espresso: milk jug after a milk-system case", "SUPPORT_CLOSED", "espresso", "", "", "", "", "milk-system", "", "", "", "", "", "ACC-MILK-JUG", "100", "10", "168"),
                r("Espresso: care kit after any other case", "SUPPORT_CLOSED", "espresso", "", "", "", "", "", "", "", "", "", "", "KIT-ESP-CARE", "50", "10", "168"),
                r("Grinder: burr set after a grinding case", "SUPPORT_CLOSED", "grinder", "", "", "", "", "grinding", "", "", "", "", "", "PART-BURR-GR", "100", "15", "168"),
                r("Espresso: gasket for a second-hand machine on the parts page", "PARTS_VIEWED", "espresso", "", "", "", "", "", "", "", "", "true", "", "PART-GASKET-EM", "110", "10", "72"),
                r("Espresso: care kit on the parts page", "PARTS_VIEWED", "espresso", "", "", "", "", "", "", "", "", "", "", "KIT-ESP-CARE", "100", "10", "72"),
                r("Grinder: burr set on the parts page", "PARTS_VIEWED", "grinder", "", "", "", "", "", "", "", "", "", "", "PART-BURR-GR", "100", "10", "72"),
                r("Espresso EM-100: upgrade after a year", "ANNIVERSARY", "espresso", "EM-100", "", "", "", "", "", "1", "true", "", "", "UPG-EM-300", "100", "0", "336"),
                r("Espresso EM-300: upgrade after two years", "ANNIVERSARY", "espresso", "EM-300", "", "", "", "", "", "2", "true", "", "", "UPG-EM-500", "100", "10", "336"),
                r("Espresso: care kit at an anniversary", "ANNIVERSARY", "espresso", "", "", "", "", "", "", "", "", "", "", "KIT-ESP-CARE", "50", "10", "336"),
                r("Grinder GR-20: upgrade after a year", "ANNIVERSARY", "grinder", "GR-20", "", "", "", "", "", "1", "true", "", "", "UPG-GR-40", "100", "0", "336"),
                r("Grinder: burr set at an anniversary for a quiet owner", "ANNIVERSARY", "grinder", "", "", "", "", "", "", "", "", "", "0", "PART-BURR-GR", "50", "10", "336"),
                r("Espresso: care kit for a new owner", "TRANSFERRED", "espresso", "", "", "", "", "", "", "", "", "", "", "KIT-ESP-CARE", "100", "20", "336"),
                r("Grinder: burr set for a new owner", "TRANSFERRED", "grinder", "", "", "", "", "", "", "", "", "", "", "PART-BURR-GR", "100", "20", "336"),
                r("Espresso: extension before warranty ends", "WARRANTY_EXPIRING", "espresso", "", "true", "", "", "", "", "", "", "", "", "WX-ESP-2Y", "100", "25", "336"),
                r("Grinder: extension before warranty ends", "WARRANTY_EXPIRING", "grinder", "", "true", "", "", "", "", "", "", "", "", "WX-GRD-1Y", "100", "25", "336"));
        java.nio.file.Files.write(java.nio.file.Path.of(args.length > 0 ? args[0] : "rules/offers.drl.xlsx"), write(demo));
    }
}
