package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.nio.file.Files;

import io.aftersaleshub.HubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A taken port stops the hub with the setting to change, for the HTTP port and the dev SMTP server's. */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseIT {

    @Test
    void aTakenDevSmtpPortNamesHubDevSmtpPort(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Throwable failure = start("--server.port=0", "--HUB_DEV_SMTP_PORT=" + port, "--spring.artemis.embedded.server-id=91");

            FailureAnalysis analysis = new PortInUseFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("port " + port + " for the dev SMTP server is in use");
            assertThat(analysis.getAction()).startsWith("set HUB_DEV_SMTP_PORT to a free port");
            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .contains("port " + port + " for the dev SMTP server is in use")
                    .contains("set HUB_DEV_SMTP_PORT to a free port");
        }
    }

    @Test
    void aTakenHttpPortNamesServerPort(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0); ServerSocket smtp = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            int freeSmtpPort = smtp.getLocalPort();
            smtp.close();
            Throwable failure = start("--server.port=" + port, "--HUB_DEV_SMTP_PORT=" + freeSmtpPort,
                    "--spring.artemis.embedded.server-id=92");

            FailureAnalysis analysis = new PortInUseFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("port " + port + " for HTTP is in use");
            assertThat(analysis.getAction()).startsWith("set SERVER_PORT (or --server.port) to a free port");
            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .contains("set SERVER_PORT (or --server.port) to a free port");
        }
    }

    private static Throwable start(String... args) throws Exception {
        String dataDir = Files.createTempDirectory("hub-port-").toString();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--hub.data-dir=" + dataDir;
        all[args.length + 1] = "--hub.demo-data=false";
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HubApplication.class).run(all).close());
        assertThat(failure).as("the hub must not start on a taken port").isNotNull();
        return failure;
    }
}
