package io.aftersaleshub.platform;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** One error shape for every refused request: {@code {status, error, errors:[{field, reason}]}}. */
@RestControllerAdvice
public class ApiExceptionHandler {

    public record ApiError(int status, String error, List<FieldProblem> errors) {
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e) {
        return body(e.status(), e.problems());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String reason = jme instanceof UnrecognizedPropertyException ? "is not a known field" : "has the wrong type or format";
            return body(HttpStatus.BAD_REQUEST, List.of(new FieldProblem(field, reason)));
        }
        return body(HttpStatus.BAD_REQUEST, List.of(new FieldProblem("body", "is not valid JSON")));
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, List<FieldProblem> problems) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), problems));
    }
}
