package io.aftersaleshub.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.time.ZoneOffset;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.aftersaleshub.support.HubProcess;

/** What the fault scenarios send to a hub process: units to register, their serials, registrations. */
final class ChaosLoad {

    private ChaosLoad() {
    }

    /** Uploads {@code n} units of the model {@code gtin} with serials {@code <run>-0000} …, once the demo models exist. */
    static void uploadUnits(HubProcess hub, String gtin, String run, int n) throws Exception {
        StringBuilder units = new StringBuilder();
        for (int i = 0; i < n; i++) {
            units.append(i == 0 ? "" : ",").append("{\"gtin\":\"").append(gtin).append("\",\"serial\":\"").append(serial(run, i))
                    .append("\",\"batch\":\"chaos\",\"manufacturedOn\":\"2026-01-15\",\"market\":\"DE\"}");
        }
        // the demo catalogue's models load just after the hub answers health: until then the units name no model
        long t0 = System.nanoTime();
        var r = hub.post("/api/catalog", "{\"units\":[" + units + "]}");
        while (r.statusCode() == 400 && r.body().contains("names no known model") && System.nanoTime() - t0 < 30_000_000_000L) {
            Thread.sleep(250);
            r = hub.post("/api/catalog", "{\"units\":[" + units + "]}");
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static String serial(String run, int i) {
        return "%s-%04d".formatted(run, i);
    }

    /** A registration with marketing consent by an owner of its own, named after the serial. */
    static String registration(String gtin, String serial) {
        return """
                {"gtin":"%s","serial":"%s","purchaseDate":"%s","channel":"web",
                 "owner":{"email":"%s@example.test","name":"Chaos Owner","country":"DE","marketingConsent":true}}
                """.formatted(gtin, serial, LocalDate.now(ZoneOffset.UTC), serial.toLowerCase());
    }

    /**
     * One batch of support cases closed on the owned units {@code <run>-0000} … (one decision per case: each its
     * own case id), half of them descaling; source {@code chaos}, source event ids {@code ev-<n>}.
     */
    static String eventBatch(String gtin, String run, int ownedUnits, int b, int size) {
        StringBuilder out = new StringBuilder("[");
        String at = java.time.Instant.now().toString();
        for (int i = 0; i < size; i++) {
            int n = b * size + i;
            out.append(i == 0 ? "" : ",").append("""
                    {"type":"support.case_closed","source":"chaos","sourceEventId":"ev-%d","occurredAt":"%s",
                     "gtin":"%s","serial":"%s","attributes":{"caseId":"case-%d","category":"%s","resolution":"resolved"}}"""
                    .formatted(n, at, gtin, serial(run, n % ownedUnits), n, n % 2 == 0 ? "descaling" : "leak"));
        }
        return out.append("]").toString();
    }

    /**
     * The environment of a stream scenario's hub: SMTP on {@code smtpPort} (the test's GreenMail), every event
     * worth an e-mail (no frequency cap to speak of, no holdout), and actions whose queue message a fault lost
     * published again 5 s later.
     */
    static Map<String, String> streamEnvironment(int smtpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        env.put("SMTP_STARTTLS", "false");
        env.put("HUB_OFFER_CAP_MAX_OFFERS", "1000000");
        env.put("HUB_OFFER_HOLDOUT_SHARE", "0");
        env.put("HUB_REPUBLISH_AFTER", "5s");
        return env;
    }

    /** An SMTP server on loopback, started. */
    static GreenMail smtp(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }
}
