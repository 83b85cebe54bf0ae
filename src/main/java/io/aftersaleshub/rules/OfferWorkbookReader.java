package io.aftersaleshub.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.aftersaleshub.rules.TemplateColumn.ValueType;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * Reads an offers workbook as data, never as code: outside a table only {@code RuleSet}, {@code Import},
 * {@code Notes} and {@code RuleTable} rows; in a table a {@code NAME} column, documented
 * {@link TemplateColumn condition and action columns}, a label row, and value cells (names, lists of
 * names, whole numbers, true/false). Anything else is reported at its cell. Merged cells, blank strings,
 * shared or inline strings, text or numeric cells: all read the same, so any spreadsheet tool works.
 */
public final class OfferWorkbookReader {

    /** What the reader found: the rows (when there is no problem) and every problem at its cell. */
    public record Result(List<OfferRow> rows, List<CellProblem> problems, List<CellProblem> warnings) {
    }

    static final String PACKAGE = "io.aftersaleshub.rules.offers";
    static final String IMPORT = "io.aftersaleshub.rules.vocabulary.OfferFacts";
    private static final Set<String> OBJECT_TYPES = Set.of("$f:OfferFacts");
    private static final Set<String> DROOLS_KEYWORDS = Set.of("sequential", "sequentialmaxpriority", "escapequotes",
            "numericdisallowed", "variables", "functions", "queries", "declare", "unit", "dialect", "salience",
            "no-loop", "lock-on-active", "auto-focus", "activation-group", "agenda-group", "ruleflow-group", "duration",
            "timer", "calendars", "priority", "metadata", "description");
    private static final Pattern CODE = Pattern.compile(
            "[;{}\"\\\\`$]|\\bnew\\s+[\\w.]+\\s*\\(|System\\s*\\.|Runtime|\\w\\s*\\.\\s*\\w+\\s*\\(|\\w\\(|==|&&|\\|\\||/\\*|//|->");
    private static final Pattern NAME_ITEM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/+&-]*");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    private final String workbook;
    private final KnownNames known;
    private final List<CellProblem> problems = new ArrayList<>();
    private final List<CellProblem> warnings = new ArrayList<>();
    private final List<OfferRow> rows = new ArrayList<>();

    private OfferWorkbookReader(String workbook, KnownNames known) {
        this.workbook = workbook;
        this.known = new Snapshot(Set.copyOf(known.productLines()), Set.copyOf(known.modelCodes()), Map.copyOf(known.itemTypes()));
    }

    /** The catalogue's names read once per workbook, not once per cell. */
    private record Snapshot(Set<String> productLines, Set<String> modelCodes, Map<String, String> itemTypes) implements KnownNames {
    }

    private static final Set<String> MOMENTS = Set.copyOf(Arrays.stream(Moment.values()).map(Enum::name).toList());

    public static Result read(String workbook, byte[] content, KnownNames known) {
        OfferWorkbookReader r = new OfferWorkbookReader(workbook, known);
        r.read(content);
        return new Result(r.problems.isEmpty() ? List.copyOf(r.rows) : List.of(), List.copyOf(r.problems),
                List.copyOf(r.warnings));
    }

    private void read(byte[] content) {
        if (!workbook.matches(".+\\.drl\\.xlsx?")) {
            problems.add(new CellProblem(workbook, null, null,
                    "the file name must end in .drl.xlsx (e.g. offers.drl.xlsx), with its cases in the matching .cases.csv"));
            return;
        }
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (Sheet sheet : wb) {
                readSheet(sheet);
            }
        } catch (Exception e) {
            problems.add(new CellProblem(workbook, null, null, "cannot be read as a spreadsheet (.xlsx): " + e.getMessage()));
            return;
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(new CellProblem(workbook, null, null,
                    "holds no rules: a sheet needs a 'RuleTable Offers' row, the template's header rows and at least one named row"));
        }
        Map<String, OfferRow> byName = new LinkedHashMap<>();
        for (OfferRow row : rows) {
            OfferRow first = byName.putIfAbsent(row.name(), row);
            if (first != null) {
                problems.add(new CellProblem(workbook, row.sheet(), row.nameCell(),
                        "two rows are named '" + row.name() + "' (also " + first.sheet() + " › " + first.nameCell()
                                + "); every row needs its own name"));
            }
        }
        if (known.modelCodes().isEmpty() || known.itemTypes().isEmpty()) {
            warnings.add(new CellProblem(workbook, null, null,
                    "the catalogue is empty, so model codes, product lines and SKUs were not checked"));
        }
    }

    private void readSheet(Sheet sheet) {
        int last = sheet.getLastRowNum();
        for (int r = 0; r <= last; r++) {
            Row row = sheet.getRow(r);
            int first = firstFilled(row);
            if (first < 0) {
                continue;
            }
            String keyword = text(row.getCell(first)).trim();
            String value = text(row.getCell(first + 1)).trim();
            String lower = keyword.toLowerCase(Locale.ROOT);
            if (lower.equals("ruleset")) {
                if (!PACKAGE_NAME.matcher(value).matches()) {
                    problem(sheet, r, first + 1, "RuleSet must name a package such as " + PACKAGE + ", not '" + value + "'");
                }
            } else if (lower.equals("import")) {
                for (String imp : value.split(",")) {
                    if (!imp.trim().equals(IMPORT)) {
                        problem(sheet, r, first + 1, "Import may only name " + IMPORT + ", not '" + imp.trim() + "'");
                    }
                }
            } else if (lower.equals("notes")) {
                continue;
            } else if (lower.startsWith("ruletable")) {
                r = readTable(sheet, r, first, keyword.substring("ruletable".length()).trim());
            } else if (DROOLS_KEYWORDS.contains(lower)) {
                problem(sheet, r, first, "'" + keyword + "' is not allowed: the template takes only RuleSet, Import, Notes"
                        + " and RuleTable rows, and cells hold values, not code");
            } else {
                checkNoCode(sheet, row);
            }
        }
    }

    /** Reads one table starting at its RuleTable row; returns the last row it used. */
    private int readTable(Sheet sheet, int start, int firstCol, String tableName) {
        if (CODE.matcher(tableName).find()) {
            problem(sheet, start, firstCol, "the table name '" + tableName + "' must be plain text");
        }
        Row kinds = sheet.getRow(start + 1);
        Row types = sheet.getRow(start + 2);
        Row snippets = sheet.getRow(start + 3);
        Row labels = sheet.getRow(start + 4);
        int lastCol = kinds == null ? -1 : kinds.getLastCellNum() - 1;
        while (lastCol >= firstCol && text(kinds.getCell(lastCol)).isBlank()) {
            lastCol--;
        }
        if (lastCol < firstCol) {
            problem(sheet, start + 1, firstCol, "a RuleTable row must be followed by the row of column kinds (NAME, CONDITION, ACTION)");
            return start + 1;
        }
        int nameCol = -1;
        Map<Integer, TemplateColumn> columns = new LinkedHashMap<>();
        Map<Integer, String> columnLabels = new LinkedHashMap<>();
        for (int c = firstCol; c <= lastCol; c++) {
            String kind = text(kinds.getCell(c)).trim().toUpperCase(Locale.ROOT);
            String type = text(types == null ? null : types.getCell(c)).replaceAll("\\s+", "");
            String snippet = text(snippets == null ? null : snippets.getCell(c));
            String label = text(labels == null ? null : labels.getCell(c)).trim();
            columnLabels.put(c, label.isEmpty() ? CellReference.convertNumToColString(c) : label);
            if (!label.isEmpty() && CODE.matcher(label).find()) {
                problem(sheet, start + 4, c, "a column label is plain text, not '" + label + "'");
            }
            switch (kind) {
                case "NAME" -> {
                    if (nameCol >= 0) {
                        problem(sheet, start + 1, c, "the table has a second NAME column");
                    }
                    nameCol = c;
                    blankTechnical(sheet, start + 2, c, type);
                    blankTechnical(sheet, start + 3, c, snippet.trim());
                }
                case "CONDITION", "ACTION" -> {
                    boolean condition = kind.equals("CONDITION");
                    if (condition && !type.isEmpty() && !OBJECT_TYPES.contains(type)) {
                        problem(sheet, start + 2, c, "the object type of a condition is '$f : OfferFacts' (or blank), not '"
                                + text(types.getCell(c)).trim() + "'");
                    } else if (!condition) {
                        blankTechnical(sheet, start + 2, c, type);
                    }
                    var column = TemplateColumn.forSnippet(snippet).filter(t -> t.condition() == condition);
                    if (column.isEmpty()) {
                        problem(sheet, start + 3, c, "'" + snippet.trim() + "' is not a documented " + kind.toLowerCase(Locale.ROOT)
                                + " of the template; see rules/README.md for the columns (e.g. "
                                + (condition ? "modelCode == \"$param\"" : "$f.offer(drools.getRule().getName(), \"$param\");") + ")");
                    } else {
                        columns.put(c, column.get());
                    }
                }
                case "" -> {
                }
                default -> problem(sheet, start + 1, c, "'" + text(kinds.getCell(c)).trim()
                        + "' is not a column kind of the template: use NAME, CONDITION or ACTION");
            }
        }
        if (nameCol < 0) {
            problem(sheet, start + 1, firstCol, "the table needs a NAME column: rows are known by their names");
        }
        int r = start + 5;
        for (; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            boolean blank = true;
            for (int c = firstCol; c <= lastCol && row != null; c++) {
                blank &= text(row.getCell(c)).isBlank();
            }
            if (blank) {
                break;
            }
            readRow(sheet, row, nameCol, columns, columnLabels);
        }
        return r;
    }

    private void readRow(Sheet sheet, Row row, int nameCol, Map<Integer, TemplateColumn> columns, Map<Integer, String> labels) {
        int r = row.getRowNum();
        String name = nameCol < 0 ? "" : text(row.getCell(nameCol)).trim();
        int before = problems.size();
        if (nameCol >= 0 && name.isEmpty()) {
            problem(sheet, r, nameCol, "the row has no name: give every row a name (it is how decisions and cases refer to it)");
        } else if (CODE.matcher(name).find()) {
            problem(sheet, r, nameCol, "a row name is plain text; it must not contain quotes, ;, {, } or code, not '" + name + "'");
        }
        List<OfferRow.Value> values = new ArrayList<>();
        for (var e : columns.entrySet()) {
            String raw = text(row.getCell(e.getKey())).trim();
            if (raw.isEmpty()) {
                continue;
            }
            Object value = value(sheet, r, e.getKey(), e.getValue(), raw);
            if (value != null) {
                values.add(new OfferRow.Value(e.getValue(), labels.get(e.getKey()), address(r, e.getKey()), raw, value));
            }
        }
        columns.entrySet().stream().filter(e -> e.getValue().name().equals(TemplateColumn.OFFER)).findFirst()
                .filter(e -> text(row.getCell(e.getKey())).isBlank())
                .ifPresent(e -> problem(sheet, r, e.getKey(), "the row offers no SKU: every row proposes one offer"));
        if (problems.size() == before && nameCol >= 0) {
            rows.add(new OfferRow(workbook, sheet.getSheetName(), address(r, nameCol), name, List.copyOf(values)));
        }
    }

    private Object value(Sheet sheet, int r, int c, TemplateColumn column, String raw) {
        if (CODE.matcher(raw).find()) {
            problem(sheet, r, c, "cells hold values (names, numbers, lists), not code: '" + raw + "' is refused");
            return null;
        }
        String what = describe(column);
        switch (column.type()) {
            case WHOLE_NUMBER -> {
                if (!WHOLE.matcher(raw).matches()) {
                    problem(sheet, r, c, what + " must be a whole number, not '" + raw + "'");
                    return null;
                }
                int n = Integer.parseInt(raw);
                if (column.name().equals(TemplateColumn.DISCOUNT) && (n < 0 || n > 100)) {
                    problem(sheet, r, c, "discount must be between 0 and 100 (per cent), not " + n);
                    return null;
                }
                if (column.name().equals(TemplateColumn.VALID_HOURS) && n < 0) {
                    problem(sheet, r, c, "valid hours must not be negative, not " + n);
                    return null;
                }
                return n;
            }
            case TRUE_FALSE -> {
                String lower = raw.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    problem(sheet, r, c, what + " must be true or false, not '" + raw + "'" + didYouMean(raw, List.of("true", "false")));
                    return null;
                }
                return Boolean.parseBoolean(lower);
            }
            case SKU -> {
                if (!SKU.matcher(raw).matches()) {
                    problem(sheet, r, c, "an offer is one SKU (letters, digits, - . _ /), not '" + raw + "'");
                    return null;
                }
                if (!known.itemTypes().isEmpty() && !known.itemTypes().containsKey(raw)) {
                    problem(sheet, r, c, "unknown SKU '" + raw + "'" + didYouMean(raw, known.itemTypes().keySet()));
                    return null;
                }
                return raw;
            }
            default -> {
                List<String> items = Arrays.stream(raw.split(",")).map(String::trim).toList();
                for (String item : items) {
                    if (!NAME_ITEM.matcher(item).matches()) {
                        problem(sheet, r, c, what + " must be " + column.type().description + ", not '" + raw + "'");
                        return null;
                    }
                    Set<String> allowed = allowedNames(column.name());
                    if (allowed != null && !allowed.isEmpty() && !allowed.contains(item)) {
                        problem(sheet, r, c, "unknown " + what + " '" + item + "'" + didYouMean(item, allowed));
                        return null;
                    }
                }
                return items;
            }
        }
    }

    private Set<String> allowedNames(String fact) {
        return switch (fact) {
            case "moment" -> MOMENTS;
            case "productLine" -> known.productLines();
            case "modelCode" -> known.modelCodes();
            default -> null;
        };
    }

    private static String describe(TemplateColumn column) {
        return switch (column.name()) {
            case "modelCode" -> "model";
            case "productLine" -> "product line";
            case TemplateColumn.PRIORITY -> "priority";
            case TemplateColumn.DISCOUNT -> "discount";
            case TemplateColumn.VALID_HOURS -> "valid hours";
            default -> column.name();
        };
    }

    /** " (did you mean 'EM-100'?)" for the closest known name within a few typos, else "". */
    static String didYouMean(String value, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(value.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
                best = k;
                bestDistance = d;
            }
        }
        int limit = Math.max(2, value.length() / 3);
        return best != null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void blankTechnical(Sheet sheet, int r, int c, String text) {
        if (!text.isBlank()) {
            problem(sheet, r, c, "this technical header cell must be blank, not '" + text + "'");
        }
    }

    private void checkNoCode(Sheet sheet, Row row) {
        for (Cell cell : row) {
            String t = text(cell);
            if (CODE.matcher(t).find()) {
                problem(sheet, row.getRowNum(), cell.getColumnIndex(),
                        "outside a table only RuleSet, Import, Notes and RuleTable rows are read; '" + t + "' looks like code");
            }
        }
    }

    private void problem(Sheet sheet, int r, int c, String message) {
        problems.add(new CellProblem(workbook, sheet.getSheetName(), address(r, c), message));
    }

    static String address(int r, int c) {
        return CellReference.convertNumToColString(c) + (r + 1);
    }

    private static int firstFilled(Row row) {
        if (row == null) {
            return -1;
        }
        for (Cell cell : row) {
            if (!text(cell).isBlank()) {
                return cell.getColumnIndex();
            }
        }
        return -1;
    }

    /** A cell's value as text, the same whatever the tool wrote: numbers without ".0", booleans as true/false. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield cell.getLocalDateTimeCellValue().toLocalDate().toString();
                }
                double d = cell.getNumericCellValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
            }
            case ERROR -> "#ERROR";
            default -> "";
        };
    }
}
