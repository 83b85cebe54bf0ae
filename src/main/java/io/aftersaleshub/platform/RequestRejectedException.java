package io.aftersaleshub.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Refuses a request with field-level reasons; thrown before anything is written, or rolls it back. */
public class RequestRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> problems;

    public RequestRejectedException(HttpStatus status, List<FieldProblem> problems) {
        super(problems.toString());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static RequestRejectedException of(HttpStatus status, String field, String reason) {
        return new RequestRejectedException(status, List.of(new FieldProblem(field, reason)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
