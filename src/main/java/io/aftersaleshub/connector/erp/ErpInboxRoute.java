package io.aftersaleshub.connector.erp;

import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route {@code erp-in-files}: CSV files dropped into the inbox ({@code HUB_ERP_INBOX}, or another consumer
 * such as SFTP in {@code HUB_ERP_ENDPOINT}) are imported one by one; a file that was applied (or was applied
 * before) moves to {@code done/}, a refused one to {@code errors/} next to a {@code .report.txt} naming every
 * bad line and field. A file the hub could not import at all (database down) stays and is tried again.
 */
@Component
class ErpInboxRoute extends RouteBuilder {

    static final String TARGET = "hubImportTarget";
    static final String REPORT = "hubImportReport";

    private final ErpImports imports;
    private final ErpProperties settings;

    ErpInboxRoute(ErpImports imports, ErpProperties settings) {
        this.imports = imports;
        this.settings = settings;
    }

    @Override
    public void configure() {
        String base = settings.base();
        String and = base.contains("?") ? "&" : "?";
        // readLock=changed: a file still being written (its size or time still moving) is left for the next poll
        from(base + and + "antInclude=*.csv,*.CSV&readLock=changed&readLockCheckInterval=250&readLockMinAge=500"
                + "&delay=500&move=${header." + TARGET + "}")
                .routeId("erp-in-files")
                .process(this::importFile)
                .filter(header(REPORT).isNotNull())
                    .to(base + and + "fileName=${header." + REPORT + "}");
    }

    private void importFile(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        ErpImports.Result r;
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            r = imports.importNow(in, name, "inbox");
        }
        ImportRecord record = r.record();
        boolean failed = "FAILED".equals(record.status());
        String target = (failed ? "errors/" : "done/") + record.id() + "-" + name;
        exchange.getMessage().setHeader(TARGET, target);
        if (failed) {
            exchange.getMessage().setHeader(REPORT, target + ".report.txt");
            exchange.getMessage().setBody(report(name, r));
        }
    }

    static String report(String name, ErpImports.Result r) {
        StringBuilder out = new StringBuilder();
        ImportRecord record = r.record();
        out.append("ERP import ").append(record.id()).append(" of ").append(name)
                .append(": refused, nothing was changed.\n")
                .append("kind: ").append(record.kind() == null ? "unknown" : record.kind())
                .append("; lines read: ").append(record.linesRead())
                .append("; bad lines: ").append(r.errorCount());
        if (r.errorCount() > r.report().size()) {
            out.append(" (the first ").append(r.report().size()).append(" below)");
        }
        out.append("\n\n");
        for (ImportProblem p : r.report()) {
            out.append("line ").append(p.line()).append(", ").append(p.field()).append(": ").append(p.message()).append('\n');
        }
        return out.toString();
    }
}
