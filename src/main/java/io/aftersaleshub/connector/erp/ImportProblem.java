package io.aftersaleshub.connector.erp;

/** A bad line of an imported file: its line number (1 = the header), the column and why. */
public record ImportProblem(long line, String field, String message) {
}
