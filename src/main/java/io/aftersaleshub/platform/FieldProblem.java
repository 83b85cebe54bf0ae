package io.aftersaleshub.platform;

/** One reason a request was refused, named by the field (JSON path) it concerns. */
public record FieldProblem(String field, String reason) {
}
