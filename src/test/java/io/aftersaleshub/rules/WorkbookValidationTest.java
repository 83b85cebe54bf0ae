package io.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.rules.vocabulary.OfferFacts;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class WorkbookValidationTest {

    /** The demo catalogue's names, read from src/main/resources/demo/catalog.json. */
    static final KnownNames DEMO = demoCatalogue();

    private static KnownNames demoCatalogue() {
        try {
            JsonNode catalog = new ObjectMapper().readTree(Path.of("src/main/resources/demo/catalog.json").toFile());
            Set<String> lines = new java.util.HashSet<>();
            Set<String> models = new java.util.HashSet<>();
            Map<String, String> items = new java.util.HashMap<>();
            catalog.get("models").forEach(m -> {
                lines.add(m.get("productLine").asText());
                models.add(m.get("model").asText());
            });
            catalog.get("items").forEach(i -> items.put(i.get("sku").asText(), i.get("type").asText()));
            return new KnownNames() {
                @Override
                public Set<String> productLines() {
                    return lines;
                }

                @Override
                public Set<String> modelCodes() {
                    return models;
                }

                @Override
                public Map<String, String> itemTypes() {
                    return items;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    private List<CellProblem> errors(String name, byte[] wb) {
        try {
            compiler.compile(List.of(new WorkbookSource(name, wb, null)), DEMO);
        } catch (RuleSetInvalidException e) {
            return e.errors();
        }
        throw new AssertionError("the workbook was accepted");
    }

    /**
     * Rows as name, moment, product line, model, warranty active, min and max unit age, case category, then
     * SKU, priority, discount and valid hours; the template's later conditions (resolution, ownership year,
     * successor, new owner, offers in 30 days) stay empty.
     */
    private static byte[] table(String[]... rows) {
        return OffersWorkbookWriter.write(java.util.Arrays.stream(rows).map(WorkbookValidationTest::pad).toList());
    }

    private static String[] pad(String[] r) {
        String[] cells = new String[r.length + 5];
        System.arraycopy(r, 0, cells, 0, 8);
        java.util.Arrays.fill(cells, 8, 13, "");
        System.arraycopy(r, 8, cells, 13, r.length - 8);
        return cells;
    }

    @Test
    void aWorkbookReSavedByOpenpyxlCompilesTheSame() throws IOException {
        Path dir = Path.of("src/test/resources/rules/openpyxl");
        List<WorkbookSource> resaved = WorkbookLoader.fromFolder(dir);
        List<WorkbookSource> original = WorkbookLoader.fromFolder(dir.resolve("original"));
        RuleSetCheck check = new RuleSetCheck(compiler, DEMO);

        RuleSet a = check.check(original);
        RuleSet b = check.check(resaved);

        assertThat(Files.readAllBytes(dir.resolve("offers.drl.xlsx"))).isNotEqualTo(original.get(0).workbook());
        assertThat(b.ruleNames()).isEqualTo(a.ruleNames());
        assertThat(b.rows().toString()).isEqualTo(a.rows().toString());
        assertThat(RuleSetCompiler.drl(b.rows())).isEqualTo(RuleSetCompiler.drl(a.rows()));
        OfferFacts fa = new OfferFacts(RuleFacts.registration("espresso", "EM-100"));
        OfferFacts fb = new OfferFacts(RuleFacts.registration("espresso", "EM-100"));
        OfferEvaluator.evaluate(a, List.of(fa));
        OfferEvaluator.evaluate(b, List.of(fb));
        assertThat(fb.candidates()).isEqualTo(fa.candidates()).isNotEmpty();
    }

    @Test
    void numbersAndBooleansTypedAsSuchReadLikeText() throws IOException {
        byte[] wb = table(new String[] {"R", "REGISTRATION", "espresso", "", "true", "", "", "", "WX-ESP-2Y", "100", "20", "48"});
        try (XSSFWorkbook x = new XSSFWorkbook(new ByteArrayInputStream(wb)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = x.getSheetAt(0);
            s.getRow(9).getCell(4).setCellValue(true);
            s.getRow(9).getCell(14).setCellValue(100d);
            s.getRow(9).getCell(15).setCellValue(20d);
            x.write(out);
            RuleSet typed = compiler.compile(List.of(new WorkbookSource("t.drl.xlsx", out.toByteArray(), null)), DEMO);
            RuleSet text = compiler.compile(List.of(new WorkbookSource("t.drl.xlsx", wb, null)), DEMO);
            assertThat(RuleSetCompiler.drl(typed.rows())).isEqualTo(RuleSetCompiler.drl(text.rows()));
        }
    }

    @Test
    void aTypoInAConditionCellIsReportedAtThatCellWithASuggestion() {
        byte[] wb = table(
                new String[] {"Ok", "REGISTRATION", "espresso", "EM-100", "", "", "", "", "WX-ESP-2Y", "10", "", ""},
                new String[] {"Typo", "REGISTRATION", "espresso", "EM-1000", "", "", "", "", "WX-ESP-2Y", "10", "", ""},
                new String[] {"Line", "REGISTRATON", "espreso", "", "", "", "", "", "WX-ESP2Y", "10", "", ""});

        assertThat(errors("offers.drl.xlsx", wb)).extracting(CellProblem::toString).containsExactly(
                "offers.drl.xlsx › Offers › D11: unknown model 'EM-1000' (did you mean 'EM-100'?)",
                "offers.drl.xlsx › Offers › B12: unknown moment 'REGISTRATON' (did you mean 'REGISTRATION'?)",
                "offers.drl.xlsx › Offers › C12: unknown product line 'espreso' (did you mean 'espresso'?)",
                "offers.drl.xlsx › Offers › N12: unknown SKU 'WX-ESP2Y' (did you mean 'WX-ESP-2Y'?)");
    }

    @Test
    void aValueOfTheWrongKindNamesItsOwnColumn() {
        byte[] wb = table(new String[] {"Bad", "REGISTRATION", "espresso", "", "ture", "1OO", "", "", "WX-ESP-2Y", "1O", "120", ""});

        assertThat(errors("offers.drl.xlsx", wb)).extracting(CellProblem::toString).containsExactly(
                "offers.drl.xlsx › Offers › E10: warrantyActive must be true or false, not 'ture' (did you mean 'true'?)",
                "offers.drl.xlsx › Offers › F10: unitAgeDays must be a whole number, not '1OO'",
                "offers.drl.xlsx › Offers › O10: priority must be a whole number, not '1O'",
                "offers.drl.xlsx › Offers › P10: discount must be between 0 and 100 (per cent), not 120");
    }

    @Test
    void aMisnamedFileIsRefused() {
        byte[] wb = table(new String[] {"R", "REGISTRATION", "espresso", "", "", "", "", "", "WX-ESP-2Y", "10", "", ""});
        assertThat(errors("offers.xlsx", wb)).extracting(CellProblem::toString).containsExactly(
                "offers.xlsx: the file name must end in .drl.xlsx (e.g. offers.drl.xlsx), with its cases in the matching .cases.csv");
    }

    @Test
    void aWorkbookWithNoRulesOrTwoRowsWithOneNameIsRefused() {
        assertThat(errors("offers.drl.xlsx", table())).extracting(CellProblem::message)
                .containsExactly("holds no rules: a sheet needs a 'RuleTable Offers' row, the template's header rows and at least one named row");
        byte[] twice = table(new String[] {"Same", "REGISTRATION", "", "", "", "", "", "", "WX-ESP-2Y", "10", "", ""},
                new String[] {"Same", "SUPPORT_CLOSED", "", "", "", "", "", "", "KIT-ESP-CARE", "10", "", ""});
        assertThat(errors("offers.drl.xlsx", twice)).extracting(CellProblem::toString).containsExactly(
                "offers.drl.xlsx › Offers › A11: two rows are named 'Same' (also Offers › A10); every row needs its own name");
    }

    @Test
    void aCellThatCallsCodeIsRefusedAtTheCell() throws IOException {
        String[] conditions = OffersWorkbookWriter.CONDITIONS.clone();
        conditions[6] = "caseCategory == \"$param\" && eval(System.exit(0) == null)";
        byte[] header = OffersWorkbookWriter.write(List.<String[]>of(
                pad(new String[] {"R", "REGISTRATION", "espresso", "", "", "", "", "", "WX-ESP-2Y", "10", "", ""})), conditions);
        assertThat(errors("offers.drl.xlsx", header)).extracting(CellProblem::cell).containsExactly("H8");

        byte[] value = table(new String[] {"R", "REGISTRATION", "espresso\") || System.exit(0) == (\"", "", "", "", "", "",
                "WX-ESP-2Y\"); java.lang.Runtime.getRuntime().exec(\"rm\"); //", "10", "", ""});
        assertThat(errors("offers.drl.xlsx", value)).extracting(CellProblem::toString).containsExactly(
                "offers.drl.xlsx › Offers › C10: cells hold values (names, numbers, lists), not code: 'espresso\") || System.exit(0) == (\"' is refused",
                "offers.drl.xlsx › Offers › N10: cells hold values (names, numbers, lists), not code: 'WX-ESP-2Y\"); java.lang.Runtime.getRuntime().exec(\"rm\"); //' is refused");

        try (XSSFWorkbook x = new XSSFWorkbook(new ByteArrayInputStream(table(
                new String[] {"R", "REGISTRATION", "", "", "", "", "", "", "WX-ESP-2Y", "10", "", ""})));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            x.getSheetAt(0).createRow(3).createCell(0).setCellValue("Functions");
            x.getSheetAt(0).getRow(3).createCell(1).setCellValue("function void boom() { System.exit(0); }");
            x.getSheetAt(0).getRow(6).getCell(1).setCellValue("$f : OfferFacts(eval(true))");
            x.getSheetAt(0).getRow(5).createCell(13).setCellValue("SALIENCE");
            x.write(out);
            assertThat(errors("offers.drl.xlsx", out.toByteArray())).extracting(CellProblem::cell)
                    .containsExactly("A4", "B7", "N6");
        }
    }

    @Test
    void shadowedAndDuplicateRowsAreWarnedAbout() {
        byte[] wb = table(
                new String[] {"Broad", "REGISTRATION", "espresso", "", "", "", "", "", "KIT-ESP-CARE", "100", "", ""},
                new String[] {"Narrow", "REGISTRATION", "espresso", "EM-100", "", "365", "", "", "KIT-ESP-CARE", "50", "", ""},
                new String[] {"Narrow but higher", "REGISTRATION", "espresso", "EM-100", "", "", "", "", "KIT-ESP-CARE", "200", "", ""},
                new String[] {"Broad again", "REGISTRATION", "espresso", "", "", "", "", "", "KIT-ESP-CARE", "100", "", ""},
                new String[] {"Other offer", "REGISTRATION", "espresso", "", "", "", "", "", "ACC-MILK-JUG", "10", "", ""},
                new String[] {"Upgrade", "REGISTRATION", "espresso", "EM-100", "", "", "", "", "UPG-EM-300", "10", "", ""},
                new String[] {"Late plan", "WARRANTY_EXPIRING", "espresso", "", "false", "", "", "", "WX-ESP-2Y", "10", "", ""});
        RuleSet set = compiler.compile(List.of(new WorkbookSource("offers.drl.xlsx", wb, null)), DEMO);

        assertThat(RuleLint.warnings(set.rows(), DEMO)).extracting(CellProblem::toString).containsExactly(
                "offers.drl.xlsx › Offers › A11: row 'Narrow' can never win: row 'Broad' (A10) matches whenever it does, offers the same SKU and has a priority at least as high",
                "offers.drl.xlsx › Offers › A13: row 'Broad again' duplicates row 'Broad' (A10): same conditions, same offer",
                "offers.drl.xlsx › Offers › N15: row 'Upgrade' offers an upgrade (UPG-EM-300) at REGISTRATION, to an owner who has just bought the unit",
                "offers.drl.xlsx › Offers › N16: row 'Late plan' offers a warranty plan (WX-ESP-2Y) to units whose warranty has ended",
                "offers.drl.xlsx › Offers: no row offers anything at SUPPORT_CLOSED",
                "offers.drl.xlsx › Offers: no row offers anything at PARTS_VIEWED",
                "offers.drl.xlsx › Offers: no row offers anything at ANNIVERSARY",
                "offers.drl.xlsx › Offers: no row offers anything at TRANSFERRED");
    }

    @Test
    void aRowIsShadowedByAnEarlierRowWhoseListHoldsItsNames() {
        // the lint indexes earlier rows by the names they allow: a list must still be found as covering
        byte[] wb = table(
                new String[] {"Two models", "REGISTRATION", "espresso", "EM-100, EM-300", "", "", "", "", "KIT-ESP-CARE", "100", "", ""},
                new String[] {"Any model", "SUPPORT_CLOSED, REGISTRATION", "", "", "", "", "", "", "ACC-MILK-JUG", "100", "", ""},
                new String[] {"Other model", "REGISTRATION", "espresso", "EM-500", "", "", "", "", "KIT-ESP-CARE", "50", "", ""},
                new String[] {"One of them", "REGISTRATION", "espresso", "EM-300", "", "", "", "", "KIT-ESP-CARE", "50", "", ""},
                new String[] {"Jug for one", "SUPPORT_CLOSED", "grinder", "GR-20", "", "", "", "", "ACC-MILK-JUG", "10", "", ""});
        RuleSet set = compiler.compile(List.of(new WorkbookSource("offers.drl.xlsx", wb, null)), KnownNames.NONE);

        assertThat(RuleLint.warnings(set.rows(), KnownNames.NONE)).extracting(CellProblem::toString)
                .filteredOn(w -> w.contains("never win") || w.contains("duplicates")).containsExactly(
                "offers.drl.xlsx › Offers › A13: row 'One of them' can never win: row 'Two models' (A10) matches whenever it does, offers the same SKU and has a priority at least as high",
                "offers.drl.xlsx › Offers › A14: row 'Jug for one' can never win: row 'Any model' (A11) matches whenever it does, offers the same SKU and has a priority at least as high");
    }

    @Test
    void theShippedWorkbookHasNoWarningAgainstTheDemoCatalogue() {
        RuleSet set = new RuleSetCheck(compiler, DEMO).check(WorkbookLoader.fromFolder(Path.of("rules")));
        assertThat(set.warnings()).isEmpty();
    }

    @Test
    void listsInATextCellMatchAnyOfTheirNames() {
        byte[] wb = table(new String[] {"Both", "REGISTRATION", "espresso", "EM-100, EM-300", "", "", "", "", "KIT-ESP-CARE", "10", "", ""});
        RuleSet set = compiler.compile(List.of(new WorkbookSource("t.drl.xlsx", wb, null)), DEMO);
        for (String model : List.of("EM-100", "EM-300", "EM-500")) {
            OfferFacts f = new OfferFacts(RuleFacts.registration("espresso", model));
            OfferEvaluator.evaluate(set, List.of(f));
            assertThat(f.candidates()).hasSize(model.equals("EM-500") ? 0 : 1);
        }
    }

    @Test
    void anAttributeColumnTestsAnEventAttribute() {
        String[] conditions = OffersWorkbookWriter.CONDITIONS.clone();
        conditions[6] = "attribute(\"resolution\") == \"$param\"";
        byte[] wb = OffersWorkbookWriter.write(List.<String[]>of(
                pad(new String[] {"R", "SUPPORT_CLOSED", "espresso", "", "", "", "", "resolved", "KIT-ESP-CARE", "10", "", ""})), conditions);
        RuleSet set = compiler.compile(List.of(new WorkbookSource("t.drl.xlsx", wb, null)), DEMO);
        for (String resolution : List.of("resolved", "open")) {
            // built through the cases reader, so that new facts in the vocabulary need no change here
            var parsed = OfferCasesCsv.parse("t.cases.csv", "case,moment,productLine,attributes,expectedSku\nc,SUPPORT_CLOSED,espresso,resolution="
                    + resolution + ",\n", new java.util.ArrayList<>());
            OfferFacts f = new OfferFacts(parsed.get(0).facts());
            OfferEvaluator.evaluate(set, List.of(f));
            assertThat(f.candidates()).hasSize(resolution.equals("resolved") ? 1 : 0);
        }
    }
}
