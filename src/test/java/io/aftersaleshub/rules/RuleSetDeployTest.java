package io.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.aftersaleshub.rules.vocabulary.OfferFacts;
import org.junit.jupiter.api.Test;

class RuleSetDeployTest {

    private static final String CASES_HEADER =
            "case,moment,productLine,modelCode,warrantyActive,unitAgeDays,ownerCountry,ownedSkus,expectedSku,expectedRule\n";

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleSetCheck check = new RuleSetCheck(compiler, KnownNames.NONE);

    private RuleSet shipped() {
        return check.check(WorkbookLoader.fromFolder(Path.of("rules")));
    }

    @Test
    void theShippedRulesCompilePassTheirCasesAndRank() {
        RuleSet shipped = shipped();

        assertThat(shipped.ruleNames()).hasSizeGreaterThanOrEqualTo(6)
                .contains("Espresso: warranty extension at registration");
        assertThat(shipped.version()).matches("[0-9a-f]{12}");
        OfferFacts facts = new OfferFacts(RuleFacts.registration("espresso", "EM-100"));
        OfferEvaluator.evaluate(shipped, List.of(facts));
        var candidates = facts.candidates();
        assertThat(candidates).extracting(c -> c.sku())
                .containsExactly("WX-ESP-2Y", "ACC-MILK-JUG", "ACC-TAMPER-54", "KIT-ESP-CARE");
        assertThat(candidates.get(0).discountPercent()).isEqualTo(20);
        assertThat(candidates.get(0).validHours()).isEqualTo(48);
    }

    @Test
    void versionIsAContentHash() {
        byte[] a = OffersWorkbookWriter.write(List.<String[]>of(row("A", "X-1", "10")));
        byte[] b = OffersWorkbookWriter.write(List.<String[]>of(row("A", "X-2", "10")));
        String va = RuleSetCompiler.versionOf(List.of(new WorkbookSource("t.drl.xlsx", a, null)));
        assertThat(RuleSetCompiler.versionOf(List.of(new WorkbookSource("t.drl.xlsx", a.clone(), null)))).isEqualTo(va);
        assertThat(RuleSetCompiler.versionOf(List.of(new WorkbookSource("t.drl.xlsx", b, null)))).isNotEqualTo(va);
    }

    @Test
    void aBrokenConditionHeaderIsReportedAtItsCell() {
        String[] conditions = OffersWorkbookWriter.CONDITIONS.clone();
        conditions[2] = "modle == \"$param\"";
        byte[] wb = OffersWorkbookWriter.write(List.<String[]>of(
                new String[]{"Typo row", "REGISTRATION", "espresso", "EM-100", "", "", "", "", "", "", "", "", "", "X-1", "10", "", ""}), conditions);

        assertThatThrownBy(() -> compiler.compile(List.of(new WorkbookSource("typo.drl.xlsx", wb, null))))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("typo.drl.xlsx › Offers › D8: 'modle == \"$param\"' is not a documented condition");
    }

    @Test
    void aFailingCaseRejectsTheSetAndKeepsTheActiveOne() {
        byte[] wb = OffersWorkbookWriter.write(List.<String[]>of(row("Only row", "X-1", "10")));
        String cases = CASES_HEADER + "expects another sku,REGISTRATION,espresso,,true,0,,,X-2,\n";

        assertThatThrownBy(() -> check.check(List.of(new WorkbookSource("t.drl.xlsx", wb, cases))))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("t.cases.csv › line 2: (expects another sku): expected X-2 but got X-1 from row 'Only row'"
                        + " at t.drl.xlsx › Offers › A10");
    }

    @Test
    void aWorkbookWithoutCasesIsRejected() {
        byte[] wb = OffersWorkbookWriter.write(List.<String[]>of(row("Only row", "X-1", "10")));

        assertThatThrownBy(() -> check.check(List.of(new WorkbookSource("t.drl.xlsx", wb, null))))
                .hasMessageContaining("t.drl.xlsx: has no t.cases.csv");
    }

    @Test
    void aCasesFileWithABadHeaderOrValueNamesIt() {
        List<String> problems = new java.util.ArrayList<>();
        OfferCasesCsv.parse("x.cases.csv", "case,moment,modle\n", problems);
        assertThat(problems).anyMatch(p -> p.contains("x.cases.csv line 1: header lacks column 'expectedSku'"));
        assertThat(problems).anyMatch(p -> p.startsWith("x.cases.csv line 1: column 'modle' is not a fact; facts: moment, productLine"));

        problems.clear();
        OfferCasesCsv.parse("x.cases.csv", CASES_HEADER + "c1,REGISTRATON,espresso,,true,0,,,X,\n", problems);
        assertThat(problems).anyMatch(p -> p.startsWith("x.cases.csv line 2: moment 'REGISTRATON' is not a moment"));

        problems.clear();
        OfferCasesCsv.parse("x.cases.csv", CASES_HEADER + "c1,REGISTRATION,espresso,,yes,0,,,X,\n", problems);
        assertThat(problems).contains("x.cases.csv line 2: warrantyActive must be true or false, not 'yes'");
    }

    @Test
    void aMisspeltMomentInTheWorkbookIsRefusedWithItsRow() {
        byte[] wb = OffersWorkbookWriter.write(List.<String[]>of(
                new String[]{"Typo", "REGISTRATON", "espresso", "", "", "", "", "", "", "", "", "", "", "X-1", "10", "", ""}));
        assertThatThrownBy(() -> compiler.compile(List.of(new WorkbookSource("t.drl.xlsx", wb, null))))
                .isInstanceOf(RuleSetInvalidException.class)
                .hasMessageContaining("t.drl.xlsx › Offers › B10: unknown moment 'REGISTRATON' (did you mean 'REGISTRATION'?)");
    }

    @Test
    void aFileThatIsNotASpreadsheetIsRejectedByName() {
        byte[] junk = "not a workbook".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> compiler.compile(List.of(new WorkbookSource("junk.drl.xlsx", junk, null))))
                .hasMessageContaining("junk.drl.xlsx: cannot be read as a spreadsheet");
    }

    @Test
    void theFolderLoaderPairsWorkbooksWithTheirCases() {
        List<WorkbookSource> loaded = WorkbookLoader.fromFolder(Path.of("rules"));
        assertThat(loaded).extracting(WorkbookSource::name).containsExactly("offers.drl.xlsx");
        assertThat(loaded.get(0).casesCsv()).startsWith("case,moment,");
    }

    private static String[] row(String name, String sku, String priority) {
        return new String[]{name, "REGISTRATION", "espresso", "", "", "", "", "", "", "", "", "", "", sku, priority, "", ""};
    }
}
