package io.aftersaleshub.platform;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} JSON: what the servlet container refuses or fails on outside
 * Spring MVC (a filter, a {@code sendError}) is forwarded here and answers as problem details too.
 * The detail is a fixed text, never the exception's message.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // /error asked for directly is no resource of the API
        HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer i && i >= 400 ? i : HttpStatus.NOT_FOUND.value());
        ProblemDetail problem = ApiProblem.of(status, ApiProblem.detailFor(status.value()), List.of());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException ignored) {
                // a path that is no valid URI is left out
            }
        }
        return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE).body(problem);
    }
}
