package io.aftersaleshub.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.aftersaleshub.support.HubIntegrationTest;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analysts' page in headless Chromium: a typo is shown at its cell, a good upload becomes active, the diff
 * shows the changed cell, rolling back activates the previous version, a simulation shows what would change.
 * Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hub.demo-data=true"})
class RulesPageIT extends HubIntegrationTest {

    static final Path SHOTS = Path.of("target/screenshots");

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        // the page is for people with the ANALYST role, who log in with a form
        registry.add("hub.access.users", () -> "ana:ANALYST:{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("ana-secret"));
    }

    @LocalServerPort
    int port;
    ChromeDriver browser;
    Path work;

    @BeforeEach
    void openBrowser() throws IOException {
        work = Files.createTempDirectory("rules-page-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + work.resolve("profile"), "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
        // a submitted form's answer is a new page: wait for what it shows instead of reading the old one
        browser.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
        browser.get("http://localhost:" + port + "/rules");
        // not logged in: the page sends the browser to the login form, and back after it
        browser.findElement(By.id("username")).sendKeys("ana");
        browser.findElement(By.id("password")).sendKeys("ana-secret");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        browser.findElement(By.xpath("//*[not(@id='username')]"));
        browser.get("http://localhost:" + port + "/rules");
        assertThat(browser.getPageSource()).as("logged in, the rules page shows").contains("id=\"active\"");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve("rules-page-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(work.resolve(name), content);
    }

    private static byte[] withCell(String cell, String value) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(Path.of("rules/offers.drl.xlsx"))));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellReference ref = new CellReference(cell);
            wb.getSheetAt(0).getRow(ref.getRow()).getCell(ref.getCol(), org.apache.poi.ss.usermodel.Row.MissingCellPolicy.CREATE_NULL_AS_BLANK)
                    .setCellValue(value);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private void upload(Path workbook, Path cases) {
        browser.get("http://localhost:" + port + "/rules");
        browser.findElement(By.id("workbook")).sendKeys(workbook.toString());
        browser.findElement(By.id("cases")).sendKeys(cases.toString());
        browser.findElement(By.id("upload-button")).click();
    }

    @Test
    void anAnalystUploadsSeesTheCellComparesRollsBackAndSimulates() throws IOException {
        Path cases = file("offers.cases.csv", Files.readAllBytes(Path.of("rules/offers.cases.csv")));
        browser.get("http://localhost:" + port + "/rules");
        assertThat(browser.findElement(By.id("active")).getText()).contains("Active version: 1");
        assertThat(browser.findElement(By.id("template")).getAttribute("href")).endsWith("/api/rules/template");
        shot("1-start");

        upload(file("offers.drl.xlsx", withCell("D12", "EM-1000")), cases);
        WebElement outcome = browser.findElement(By.id("outcome"));
        assertThat(outcome.getText()).contains("Refused", "the active version keeps serving");
        List<String> cells = browser.findElements(By.cssSelector("#errors td.cell")).stream().map(WebElement::getText).toList();
        assertThat(cells).containsExactly("D12");
        assertThat(browser.findElement(By.id("errors")).getText()).contains("unknown model 'EM-1000' (did you mean 'EM-100'?)");
        shot("2-refused-at-cell");

        Path good = work.resolve("good");
        Files.createDirectories(good);
        upload(Files.write(good.resolve("offers.drl.xlsx"), withCell("P10", "35")), cases);
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Version 3 is active");
        assertThat(browser.findElement(By.id("active")).getText()).contains("Active version: 3");
        shot("3-uploaded");

        browser.findElement(By.cssSelector("#version-3 a.diff")).click();
        assertThat(browser.findElement(By.id("diff")).getText()).contains("Version 3 against 2");
        browser.get("http://localhost:" + port + "/rules?diff=3&against=1");
        assertThat(browser.findElement(By.id("diff")).getText())
                .contains("Espresso: warranty extension at registration Discount % 20 35");
        shot("4-diff");

        browser.findElement(By.cssSelector("#version-1 button.activate")).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Version 1 is active");
        assertThat(browser.findElement(By.id("active")).getText()).contains("Active version: 1");
        assertThat(browser.findElement(By.cssSelector("#version-1 td.ACTIVE")).getText()).isEqualTo("ACTIVE");
        shot("5-rolled-back");

        browser.get("http://localhost:" + port + "/rules");
        browser.findElement(By.id("sim-workbook")).sendKeys(good.resolve("offers.drl.xlsx").toString());
        browser.findElement(By.id("sim-gtin")).sendKeys("04098765000300");
        browser.findElement(By.id("sim-serial")).sendKeys("EM300-00001");
        browser.findElement(By.id("simulate-button")).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Simulation against version 1: 0 of 1 decisions change");
        assertThat(browser.findElement(By.id("simulation")).getText()).contains("no offer (unit has no registered owner)");
        shot("6-simulated");
    }
}
