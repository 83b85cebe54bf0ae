package io.aftersaleshub.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.platform.ApiProblem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Deploy, list, download, compare and activate rule set versions (scope {@code rules}). */
@RestController
@RequestMapping("/api/rules")
public class RulesController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ActiveRuleSet rules;
    private final RuleVersions versions;

    public RulesController(ActiveRuleSet rules, RuleVersions versions) {
        this.rules = rules;
        this.versions = versions;
    }

    /** Multipart {@code workbook} ({@code *.drl.xlsx}) and {@code cases} ({@code *.cases.csv}) → 201 or 422 with errors at cells. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> upload(@RequestPart("workbook") MultipartFile workbook,
                                    @RequestPart(value = "cases", required = false) MultipartFile cases,
                                    Principal principal) throws IOException {
        return deploy(upload(workbook, cases), principal);
    }

    ResponseEntity<?> deploy(WorkbookSource source, Principal principal) {
        try {
            ActiveRuleSet.Deployed d = rules.deploy(List.of(source), uploader(principal), "upload");
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("version", d.version(), "status", "ACTIVE",
                    "warnings", d.warnings()));
        } catch (RuleSetInvalidException e) {
            return refused(e);
        }
    }

    /** The uploaded workbook (named by its file name, without any folder) and its cases, if given. */
    public static WorkbookSource upload(MultipartFile workbook, MultipartFile cases) throws IOException {
        String name = workbook.getOriginalFilename() == null || workbook.getOriginalFilename().isBlank()
                ? "workbook" : java.nio.file.Path.of(workbook.getOriginalFilename()).getFileName().toString();
        return new WorkbookSource(name, workbook.getBytes(),
                cases == null || cases.isEmpty() ? null : new String(cases.getBytes(), StandardCharsets.UTF_8));
    }

    /** 422 problem details with {@code errors: [{workbook, sheet, cell, message}]}, {@code warnings} and the refused {@code version}. */
    public static ResponseEntity<ProblemDetail> refused(RuleSetInvalidException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        ProblemDetail p = ApiProblem.of(status, "the rule set was refused (" + e.errors().size() + " errors); the active version keeps serving: "
                + String.join("; ", e.problems().stream().limit(5).toList()) + (e.errors().size() > 5 ? "; …" : ""), List.of());
        p.setProperty(ApiProblem.ERRORS, e.errors());
        p.setProperty("warnings", e.warnings());
        if (e.version() != null) {
            p.setProperty("version", e.version());
        }
        return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE).body(p);
    }

    @GetMapping("/versions")
    public List<RuleVersions.Version> versions() {
        return versions.list();
    }

    @GetMapping("/versions/{version}/workbook")
    public ResponseEntity<?> workbook(@PathVariable long version) {
        List<WorkbookSource> files = versions.files(version);
        if (files.isEmpty()) {
            return notFound(version);
        }
        WorkbookSource wb = files.get(0);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(wb.name()).build().toString())
                .body(wb.workbook());
    }

    @GetMapping("/versions/{version}/diff")
    public ResponseEntity<?> diff(@PathVariable long version, @RequestParam long against) {
        List<OfferRow> a = rowsOf(version);
        List<OfferRow> b = rowsOf(against);
        if (a == null || b == null) {
            return notFound(a == null ? version : against);
        }
        return ResponseEntity.ok(RuleDiff.of(version, a, against, b));
    }

    @PostMapping("/versions/{version}/activate")
    public ResponseEntity<?> activate(@PathVariable long version) {
        var v = versions.find(version);
        if (v.isEmpty()) {
            return notFound(version);
        }
        if (v.get().status() == RuleVersions.Status.REFUSED) {
            HttpStatus status = HttpStatus.CONFLICT;
            ProblemDetail p = ApiProblem.of(status, "version " + version + " was refused and cannot be activated", List.of());
            p.setProperty(ApiProblem.ERRORS, v.get().errors());
            return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE).body(p);
        }
        try {
            ActiveRuleSet.Deployed d = rules.activate(version);
            return ResponseEntity.ok(Map.of("version", d.version(), "status", "ACTIVE", "warnings", d.warnings()));
        } catch (RuleSetInvalidException e) {
            return refused(e);
        }
    }

    /** The workbook of the active version (else the shipped one), to start from. */
    @GetMapping("/template")
    public ResponseEntity<byte[]> template() throws IOException {
        WorkbookSource wb = versions.activeVersion().map(versions::files).filter(f -> !f.isEmpty()).map(f -> f.get(0))
                .orElse(null);
        byte[] content = wb != null ? wb.workbook()
                : new org.springframework.core.io.ClassPathResource("rules/offers.drl.xlsx").getContentAsByteArray();
        return ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("offers.drl.xlsx").build().toString()).body(content);
    }

    /** The rows of a stored version, read as data (names not checked against today's catalogue); null when unknown or unreadable. */
    List<OfferRow> rowsOf(long version) {
        List<WorkbookSource> files = versions.files(version);
        if (files.isEmpty()) {
            return null;
        }
        List<OfferRow> rows = new ArrayList<>();
        for (WorkbookSource f : files) {
            rows.addAll(OfferWorkbookReader.read(f.name(), f.workbook(), KnownNames.NONE).rows());
        }
        return rows;
    }

    private static ResponseEntity<ProblemDetail> notFound(long version) {
        HttpStatus status = HttpStatus.NOT_FOUND;
        return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE)
                .body(ApiProblem.of(status, "there is no rule set version " + version, List.of()));
    }

    static String uploader(Principal principal) {
        return principal == null || principal.getName() == null ? "api" : principal.getName();
    }
}
