package io.aftersaleshub.connector.erp;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes written twice and
 * line breaks) one record at a time, so that a file of a million lines is never held in memory. A byte
 * order mark before the header is dropped; blank lines are skipped.
 */
final class CsvReader implements Closeable {

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long line = 1;
    private long recordLine;
    private boolean first = true;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line the last record returned by {@link #next} started on (1 = the header). */
    long line() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                return null;
            }
            if (first && c == '\uFEFF') {
                first = false;
                continue;
            }
            first = false;
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            recordLine = line;
            return record(c);
        }
    }

    private List<String> record(int c) throws IOException {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new CsvException(recordLine, "a quoted field is not closed before the end of the file");
                }
                fields.add(field.toString());
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n') {
                line++;
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                // part of CRLF; a lone CR is dropped too
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The file is not CSV from this line on. */
    static final class CsvException extends IOException {
        final long line;

        CsvException(long line, String message) {
            super(message);
            this.line = line;
        }
    }
}
