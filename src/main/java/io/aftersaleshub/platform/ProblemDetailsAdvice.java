package io.aftersaleshub.platform;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refusal inside Spring MVC into {@link ApiProblem problem details}: the hub's own
 * {@link RequestRejectedException}, Spring MVC's exceptions (unknown path, wrong method or content type,
 * missing or mistyped parameter, unreadable JSON), a database that cannot be reached (503 with
 * {@code Retry-After}, see {@link DatabaseUnavailable}) and, as a 500 with a generic detail, anything unexpected.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return respond(e.status(), ApiProblem.of(e.status(), ApiProblem.describe(e.problems()), e.problems()), new HttpHeaders());
    }

    /**
     * A body sent as multipart that is none (no boundary, broken parts): the client's fault, not the hub's. (An
     * upload over the size limit is the more specific MaxUploadSizeExceededException: 413 by the base class.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> notMultipart(MultipartException e, HttpServletRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        List<FieldProblem> errors = List.of(new FieldProblem("body", "is not a valid multipart/form-data body"));
        return respond(HttpStatus.BAD_REQUEST, ApiProblem.of(HttpStatus.BAD_REQUEST, ApiProblem.describe(errors), errors),
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        if (DatabaseUnavailable.in(e)) {
            log.warn("Answered {} {} with 503: the database is not available ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            return respond(HttpStatus.SERVICE_UNAVAILABLE,
                    ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, List.of()), headers);
        }
        log.error("Unexpected error answering {} {}", request.getMethod(), request.getRequestURI(), e);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return respond(status, ApiProblem.of(status, ApiProblem.UNEXPECTED, List.of()), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        FieldProblem problem = new FieldProblem("body", "is not valid JSON");
        if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem = new FieldProblem(field, jme instanceof UnrecognizedPropertyException
                    ? "is not a known field" : "has the wrong type or format");
        }
        List<FieldProblem> errors = List.of(problem);
        return respond(status, ApiProblem.of(status, ApiProblem.describe(errors), errors), headers);
    }

    private static ResponseEntity<Object> tooLarge(BodyTooLargeException e) {
        HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return respond(status, ApiProblem.of(status, e.detail(), List.of()), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return respond(status, ApiProblem.of(status, ApiProblem.detailFor(404), List.of()), headers);
    }

    /** Every other Spring MVC exception: its own status and detail, plus {@code errors} naming the parameter. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null && servlet.getResponse().isCommitted()) {
            return null;
        }
        ProblemDetail spring = body instanceof ProblemDetail pd ? pd : e instanceof ErrorResponse er ? er.getBody() : null;
        String detail = spring != null && spring.getDetail() != null ? spring.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        if (status.is5xxServerError()) {
            log.error("Error answering {}", request.getDescription(false), e);
            detail = ApiProblem.UNEXPECTED;
        }
        return respond(status, ApiProblem.of(status, detail, fieldProblems(e)), headers);
    }

    private static List<FieldProblem> fieldProblems(Exception e) {
        if (e instanceof MissingServletRequestParameterException m) {
            return List.of(new FieldProblem(m.getParameterName(), "is required"));
        }
        if (e instanceof TypeMismatchException t && t.getPropertyName() != null) {
            return List.of(new FieldProblem(t.getPropertyName(), "has the wrong type or format"));
        }
        return List.of();
    }

    private static ResponseEntity<Object> respond(HttpStatusCode status, ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(ApiProblem.MEDIA_TYPE);
        return ResponseEntity.status(status).headers(out).body(problem);
    }
}
