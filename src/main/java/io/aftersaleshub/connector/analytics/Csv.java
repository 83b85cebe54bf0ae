package io.aftersaleshub.connector.analytics;

/** RFC 4180 fields, safe to open in a spreadsheet. */
final class Csv {

    private Csv() {
    }

    /**
     * Quoted when it holds a comma, quote or line break; a text a spreadsheet would take for a formula
     * ({@code = + - @} first) gets a leading apostrophe — unless it is a number, such as a negative amount.
     */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("[-+]?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
