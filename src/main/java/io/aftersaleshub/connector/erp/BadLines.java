package io.aftersaleshub.connector.erp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The bad lines of a file: all counted, the first {@code keep} (by line) kept for the report. */
final class BadLines {

    private final int keep;
    private final List<ImportProblem> kept = new ArrayList<>();
    private long count;

    BadLines(int keep) {
        this.keep = keep;
    }

    void add(long line, String field, String message) {
        count++;
        if (kept.size() < keep) {
            kept.add(new ImportProblem(line, field, message));
        }
    }

    /** Problems found elsewhere (e.g. by the database), of which {@code total} exist in all. */
    void addAll(List<ImportProblem> problems, long total) {
        count += total;
        kept.addAll(problems);
        kept.sort(Comparator.comparingLong(ImportProblem::line));
        if (kept.size() > keep) {
            kept.subList(keep, kept.size()).clear();
        }
    }

    long count() {
        return count;
    }

    boolean any() {
        return count > 0;
    }

    List<ImportProblem> first(int n) {
        return List.copyOf(kept.subList(0, Math.min(n, kept.size())));
    }

    List<ImportProblem> kept() {
        return List.copyOf(kept);
    }
}
