package io.aftersaleshub.platform;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every refusal: RFC 9457 problem details ({@code application/problem+json}) with
 * {@code type} {@code about:blank}, {@code title} the HTTP status phrase, {@code status}, {@code detail}
 * and an {@code errors} list of {@code {field, reason}} (empty when no field is to blame).
 */
public final class ApiProblem {

    public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;
    public static final String ERRORS = "errors";
    /** Never the exception's message: it may hold connection strings, SQL or secrets. */
    public static final String UNEXPECTED = "The hub could not handle this request; the error has been logged.";

    private ApiProblem() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setProperty(ERRORS, List.copyOf(errors));
        return problem;
    }

    /** "owner.email is not a valid e-mail address; gtin check digit must be 0" */
    public static String describe(List<FieldProblem> errors) {
        return errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; "));
    }

    /** The detail of a refusal that never reached a controller: fixed texts, nothing taken from the request. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: check the request line, the URL encoding and the headers.";
            case 404 -> "There is no resource at this path.";
            default -> status >= 500 ? UNEXPECTED : "The request was refused (" + status + ").";
        };
    }
}
