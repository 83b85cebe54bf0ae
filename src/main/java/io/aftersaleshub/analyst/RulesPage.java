package io.aftersaleshub.analyst;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.offer.RuleSimulation;
import io.aftersaleshub.rules.ActiveRuleSet;
import io.aftersaleshub.rules.CellProblem;
import io.aftersaleshub.rules.KnownNames;
import io.aftersaleshub.rules.RuleDiff;
import io.aftersaleshub.rules.RuleSet;
import io.aftersaleshub.rules.RuleSetCompiler;
import io.aftersaleshub.rules.RuleSetInvalidException;
import io.aftersaleshub.rules.RuleVersions;
import io.aftersaleshub.rules.RulesController;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code GET /rules}: one server-rendered page; each form posts back to it and the answer is the page again, with the outcome on top. */
@RestController
public class RulesPage {

    private final ActiveRuleSet rules;
    private final RuleVersions versions;
    private final RulesController api;
    private final RuleSimulation simulation;
    private final RuleSetCompiler compiler;
    private final KnownNames known;
    private final Clock clock;

    public RulesPage(ActiveRuleSet rules, RuleVersions versions, RulesController api, RuleSimulation simulation,
                     RuleSetCompiler compiler, KnownNames known, Clock clock) {
        this.rules = rules;
        this.versions = versions;
        this.api = api;
        this.simulation = simulation;
        this.compiler = compiler;
        this.known = known;
        this.clock = clock;
    }

    @GetMapping(path = "/rules", produces = MediaType.TEXT_HTML_VALUE)
    public String page(@RequestParam(required = false) Long diff, @RequestParam(required = false) Long against) {
        String top = "";
        if (diff != null && against != null) {
            ResponseEntity<?> r = api.diff(diff, against);
            top = r.getBody() instanceof RuleDiff d ? diffHtml(d) : "<p class=error>No such version.</p>";
        }
        return page(top);
    }

    @PostMapping(path = "/rules/upload", produces = MediaType.TEXT_HTML_VALUE, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String upload(@RequestPart("workbook") MultipartFile workbook, @RequestPart(value = "cases", required = false) MultipartFile cases,
                         Principal principal) throws IOException {
        try {
            var d = rules.deploy(List.of(RulesController.upload(workbook, cases)), principal == null ? "web page" : principal.getName(), "upload");
            return page("<section id=outcome class=ok><h2>Version " + d.version() + " is active</h2>" + problems("Warnings", "warnings",
                    d.warnings()) + "</section>");
        } catch (RuleSetInvalidException e) {
            return page("<section id=outcome class=refused><h2>Refused" + (e.version() == null ? "" : " (stored as version " + e.version() + ")")
                    + " — the active version keeps serving</h2>" + problems("Errors", "errors", e.errors())
                    + problems("Warnings", "warnings", e.warnings()) + "</section>");
        }
    }

    @PostMapping(path = "/rules/versions/{version}/activate", produces = MediaType.TEXT_HTML_VALUE)
    public String activate(@PathVariable long version) {
        ResponseEntity<?> r = api.activate(version);
        String text = r.getStatusCode().is2xxSuccessful() ? "<section id=outcome class=ok><h2>Version " + version + " is active</h2></section>"
                : "<section id=outcome class=refused><h2>Version " + version + " cannot be activated</h2></section>";
        return page(text);
    }

    @PostMapping(path = "/rules/simulate", produces = MediaType.TEXT_HTML_VALUE, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String simulate(@RequestPart("workbook") MultipartFile workbook, @RequestParam(required = false) String gtin,
                           @RequestParam(required = false) String serial, @RequestParam(required = false) String moment,
                           @RequestParam(required = false) Integer days) throws IOException {
        RuleSet candidate;
        try {
            candidate = compiler.compile(List.of(RulesController.upload(workbook, null)), known);
        } catch (RuleSetInvalidException e) {
            return page("<section id=outcome class=refused><h2>The candidate workbook was refused</h2>" + problems("Errors", "errors", e.errors())
                    + "</section>");
        }
        try {
            RuleSimulation.Report report;
            if (gtin != null && !gtin.isBlank()) {
                Moment m = Moment.named(moment == null ? "" : moment).orElse(null);
                if (m == null || serial == null || serial.isBlank()) {
                    return page("<section id=outcome class=refused><h2>Give a GTIN, a serial and a moment</h2></section>");
                }
                report = simulation.unitAt(candidate, gtin.trim(), serial.trim(), m, null);
            } else {
                Instant now = clock.instant();
                report = simulation.recorded(candidate, now.minus(Duration.ofDays(days == null ? 7 : days)), now.plus(1, ChronoUnit.MINUTES));
            }
            return page(simulationHtml(report));
        } finally {
            compiler.release(candidate);
        }
    }

    private String page(String top) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html lang=en><head><meta charset=utf-8><title>Offer rules</title><style>
                body{font-family:sans-serif;margin:2em;max-width:75em} table{border-collapse:collapse;margin:.5em 0}
                td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top} .ok{background:#eef8ee;padding:.5em}
                .refused{background:#fbeaea;padding:.5em} .ACTIVE{font-weight:bold;color:#060} .REFUSED{color:#a00}
                form{margin:.5em 0} fieldset{margin:1em 0}
                </style></head><body><h1>Offer rules</h1>
                """);
        RuleSet current = rules.current();
        s.append("<p id=active>Active version: <b>").append(htmlEscape(current.version())).append("</b> (")
                .append(current.ruleNames().size()).append(" rows)")
                .append(current.isEmpty() ? " — <b class=REFUSED>no rule set is active: every decision is 'no offer'</b>" : "")
                .append(" · <a id=template href=\"/api/rules/template\">download the workbook to start from</a> · see rules/README.md</p>");
        s.append(top);
        s.append("""
                <fieldset><legend>Upload a workbook</legend>
                <form id=upload method=post action="/rules/upload" enctype="multipart/form-data">
                <label>Workbook (*.drl.xlsx) <input type=file name=workbook id=workbook required></label>
                <label>Cases (*.cases.csv) <input type=file name=cases id=cases></label>
                <button type=submit id=upload-button>Check and activate</button></form>
                <p>It is checked completely (every cell, the cases, the lint) while the active version keeps serving; only a
                workbook with no error becomes active.</p></fieldset>
                <fieldset><legend>Simulate a candidate workbook</legend>
                <form id=simulate method=post action="/rules/simulate" enctype="multipart/form-data">
                <label>Workbook <input type=file name=workbook id=sim-workbook required></label><br>
                One unit: <label>GTIN <input name=gtin id=sim-gtin></label> <label>serial <input name=serial id=sim-serial></label>
                <label>moment <select name=moment id=sim-moment>""");
        for (Moment m : Moment.values()) {
            s.append("<option>").append(m.name()).append("</option>");
        }
        s.append("""
                </select></label><br>or, with no GTIN, the events of the last <input name=days id=sim-days value=7 size=3> days
                <button type=submit id=simulate-button>Simulate</button></form><p>Nothing is sent or recorded.</p></fieldset>
                <h2>Versions</h2><table id=versions><tr><th>version</th><th>status</th><th>created</th><th>by</th>
                <th>errors</th><th>warnings</th><th></th></tr>""");
        List<RuleVersions.Version> all = versions.list();
        for (int i = 0; i < all.size(); i++) {
            RuleVersions.Version v = all.get(i);
            s.append("<tr id=version-").append(v.version()).append("><td>").append(v.version()).append("</td><td class=")
                    .append(v.status()).append('>').append(v.status()).append("</td><td>").append(v.createdAt().truncatedTo(ChronoUnit.SECONDS))
                    .append("</td><td>").append(htmlEscape(v.uploadedBy())).append("</td><td>")
                    .append(list(v.errors())).append("</td><td>").append(list(v.warnings())).append("</td><td>")
                    .append("<a href=\"/api/rules/versions/").append(v.version()).append("/workbook\">download</a>");
            if (i + 1 < all.size()) {
                s.append(" · <a class=diff href=\"/rules?diff=").append(v.version()).append("&against=").append(all.get(i + 1).version())
                        .append("\">diff against ").append(all.get(i + 1).version()).append("</a>");
            }
            if (v.status() == RuleVersions.Status.INACTIVE) {
                s.append("<form method=post action=\"/rules/versions/").append(v.version())
                        .append("/activate\"><button class=activate type=submit>activate</button></form>");
            }
            s.append("</td></tr>");
        }
        return withCsrf(s.append("</table></body></html>").toString());
    }

    /**
     * The page's forms post with the session's CSRF token. It rides in the action's query, not in a hidden field:
     * the security filter checks it before a multipart body is parsed.
     */
    private static String withCsrf(String html) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            String query = "?" + token.getParameterName() + "=" + URLEncoder.encode(token.getToken(), StandardCharsets.UTF_8);
            return html.replaceAll("method=post action=\"(/rules/[^\"?]*)\"", "method=post action=\"$1" + query + "\"");
        }
        return html;
    }

    private static String list(List<CellProblem> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<ul>");
        problems.forEach(p -> s.append("<li>").append(htmlEscape(p.toString())).append("</li>"));
        return s.append("</ul>").toString();
    }

    private static String problems(String title, String id, List<CellProblem> problems) {
        if (problems.isEmpty()) {
            return "<p>No " + title.toLowerCase() + ".</p>";
        }
        StringBuilder s = new StringBuilder("<h3>" + title + "</h3><table id=" + id
                + "><tr><th>workbook</th><th>sheet</th><th>cell</th><th>message</th></tr>");
        for (CellProblem p : problems) {
            s.append("<tr><td>").append(htmlEscape(String.valueOf(p.workbook()))).append("</td><td>")
                    .append(p.sheet() == null ? "" : htmlEscape(p.sheet())).append("</td><td class=cell>")
                    .append(p.cell() == null ? "" : htmlEscape(p.cell())).append("</td><td>").append(htmlEscape(p.message())).append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static String diffHtml(RuleDiff d) {
        StringBuilder s = new StringBuilder("<section id=diff><h2>Version " + d.version() + " against " + d.against() + "</h2>");
        s.append("<p>Added: ").append(htmlEscape(String.join("; ", d.added()))).append("</p><p>Removed: ")
                .append(htmlEscape(String.join("; ", d.removed()))).append("</p><table><tr><th>row</th><th>column</th><th>was</th><th>now</th></tr>");
        for (RuleDiff.Changed c : d.changed()) {
            for (RuleDiff.Cell cell : c.cells()) {
                s.append("<tr><td>").append(htmlEscape(c.row())).append("</td><td>").append(htmlEscape(cell.column())).append("</td><td>")
                        .append(cell.from() == null ? "" : htmlEscape(cell.from())).append("</td><td>")
                        .append(cell.to() == null ? "" : htmlEscape(cell.to())).append("</td></tr>");
            }
        }
        return s.append("</table></section>").toString();
    }

    private static String simulationHtml(RuleSimulation.Report r) {
        StringBuilder s = new StringBuilder("<section id=outcome class=ok><h2>Simulation against version "
                + htmlEscape(r.activeVersion()) + ": " + r.changed() + " of " + r.events() + " decisions change</h2>");
        s.append("<p id=by-moment>By moment: ").append(htmlEscape(map(r.changedByMoment()))).append("</p><p id=by-offer>By offer: ")
                .append(htmlEscape(map(r.changedByOffer()))).append("</p><table id=simulation><tr><th>event</th><th>unit</th>"
                        + "<th>moment</th><th>active</th><th>candidate</th><th>changed</th></tr>");
        for (RuleSimulation.Outcome o : r.outcomes().stream().limit(200).toList()) {
            s.append("<tr><td>").append(o.type() == null ? "" : htmlEscape(o.type())).append("</td><td>")
                    .append(o.serial() == null ? "" : htmlEscape(o.serial())).append("</td><td>").append(htmlEscape(o.moment()))
                    .append("</td><td>").append(choice(o.active())).append("</td><td class=candidate>").append(choice(o.candidate()))
                    .append("</td><td>").append(o.changed() ? "changed" : "").append("</td></tr>");
        }
        return s.append("</table></section>").toString();
    }

    private static String choice(RuleSimulation.Choice c) {
        return c.sku() == null ? "no offer (" + htmlEscape(c.reason()) + ")"
                : htmlEscape(c.sku()) + " " + (c.discountPercent() == null ? "" : c.discountPercent() + "% ") + "— " + htmlEscape(String.valueOf(c.rule()));
    }

    private static String map(Map<String, Integer> m) {
        return m.isEmpty() ? "none" : String.join(", ", m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }
}
