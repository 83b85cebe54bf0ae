package io.aftersaleshub.connector.erp;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.platform.ApiProblem;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/imports}: the raw CSV of an ERP file (the kind is told by its header row) → 202 with
 * {@code {id, status}} and {@code Location: /api/imports/{id}}. {@code Prefer: wait=<seconds>} (RFC 7240,
 * at most 60) waits for the end: 200 with the import when applied, 422 problem details naming the bad
 * lines when refused. A header that names no kind is refused with 422 at once.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,4})");
    static final int MAX_WAIT_S = 60;

    private final ErpImports imports;

    ImportController(ErpImports imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<Object> submit(HttpServletRequest request, @RequestParam(required = false) String fileName,
                                  @RequestHeader(value = "Prefer", required = false) String prefer)
            throws IOException, InterruptedException {
        if (fileName != null && (fileName.length() > 255 || fileName.chars().anyMatch(Character::isISOControl))) {
            throw new RequestRejectedException(HttpStatus.BAD_REQUEST,
                    List.of(new FieldProblem("fileName", "must be at most 255 characters without control characters")));
        }
        ErpImports.Submitted s = imports.submit(request.getInputStream(), fileName);
        int wait = waitSeconds(prefer);
        ErpImports.Result result = null;
        try {
            result = s.done().isDone() ? s.done().get() : wait > 0 ? s.done().get(wait, TimeUnit.SECONDS) : null;
        } catch (TimeoutException stillRunning) {
            // answered 202 below
        } catch (ExecutionException e) {
            throw new IllegalStateException("ERP import " + s.id() + " failed", e.getCause());
        }
        URI location = URI.create("/api/imports/" + s.id());
        if (result == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", s.id());
            body.put("status", imports.find(s.id()).map(ImportRecord::status).orElse("RECEIVED"));
            return ResponseEntity.accepted().location(location).body(body);
        }
        ImportRecord r = result.record();
        if ("FAILED".equals(r.status())) {
            ProblemDetail problem = ApiProblem.of(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The file has " + r.errorCount() + " bad line(s); nothing was changed. The first "
                            + r.errors().size() + " are listed in errors.", List.of());
            problem.setProperty(ApiProblem.ERRORS, r.errors());
            problem.setProperty("errorCount", r.errorCount());
            problem.setProperty("importId", r.id());
            problem.setInstance(location);
            return ResponseEntity.unprocessableEntity().location(location).contentType(ApiProblem.MEDIA_TYPE).body(problem);
        }
        return ResponseEntity.ok().location(location).header("Preference-Applied", "wait=" + wait).body(r);
    }

    @GetMapping("/{id}")
    ImportRecord find(@PathVariable UUID id) {
        return imports.find(id).orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND,
                List.of(new FieldProblem("id", "names no import"))));
    }

    static int waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher m = WAIT.matcher(prefer);
        return m.find() ? Math.min(MAX_WAIT_S, Integer.parseInt(m.group(1))) : 0;
    }
}
