package io.aftersaleshub.platform;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.embedded.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Says which setting to change when a port of the hub is taken: the HTTP port ({@code SERVER_PORT}) or
 * the dev SMTP server's ({@code HUB_DEV_SMTP_PORT}). Ahead of Spring Boot's own analyzer, which names no setting.
 */
public class PortInUseFailureAnalyzer implements FailureAnalyzer, Ordered {

    static final String HTTP = "HTTP";
    static final String HTTP_SETTING = "SERVER_PORT (or --server.port)";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfiguredPortInUseException e) {
                return analysis(e.port(), e.server(), e.setting(), failure);
            }
            if (t instanceof PortInUseException e) {
                return analysis(e.getPort(), HTTP, HTTP_SETTING, failure);
            }
            // Tomcat reports a taken port as a connector that failed to start; other causes are left to Spring Boot
            if (t instanceof ConnectorStartFailedException e && PortCheck.inUse(e.getPort())) {
                return analysis(e.getPort(), HTTP, HTTP_SETTING, failure);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(int port, String server, String setting, Throwable failure) {
        return new FailureAnalysis("port " + port + " for " + server + " is in use",
                "set " + setting + " to a free port, or stop the process listening on port " + port, failure);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
