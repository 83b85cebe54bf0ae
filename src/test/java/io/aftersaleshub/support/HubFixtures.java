package io.aftersaleshub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the moment ITs set up and read: the demo catalogue with their own units, owners and decisions; e-mails counted. */
public final class HubFixtures {

    public static final String EM100 = "04098765000102";
    public static final String EM300 = "04098765000300";
    public static final String EM500 = "04098765000508";
    public static final String GR20 = "04098765001208";

    private final HubClient hub;
    private final JdbcClient jdbc;
    private final GreenMailPeer inbox;

    public HubFixtures(HubClient hub, JdbcClient jdbc, GreenMailPeer smtp) {
        this.hub = hub;
        this.jdbc = jdbc;
        this.inbox = smtp;
    }

    /** Upserts the demo catalogue (models and items) with these units ({@code gtin:serial}). */
    public void catalogueWith(String... units) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode catalogue;
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            catalogue = (ObjectNode) json.readTree(in);
        }
        ArrayNode list = json.createArrayNode();
        for (String u : units) {
            String[] gs = u.split(":", 2);
            list.addObject().put("gtin", gs[0]).put("serial", gs[1]).put("batch", "IT").put("manufacturedOn", "2020-01-10")
                    .put("market", "DE");
        }
        catalogue.set("units", list);
        HubClient.Answer a = hub.post("/api/catalog", catalogue);
        assertThat(a.status()).isEqualTo(200);
    }

    /**
     * An owner and their current ownership as another system (an import) left them: no registration
     * event, so no decision and no e-mail of their own; the e-mail is stored lower-case, as the hub keeps
     * it. Returns the owner's id.
     */
    public UUID owned(String gtin, String serial, String email, String name, boolean consent, LocalDate purchaseDate,
                      Instant ownedFrom) {
        UUID owner = jdbc.sql("""
                        INSERT INTO owner (id, email, name, country, marketing_consent) VALUES (?, ?, ?, 'DE', ?)
                        ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id""")
                .params(UUID.randomUUID(), email.toLowerCase(), name, consent).query(UUID.class).single();
        int rows = jdbc.sql("""
                        INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                        SELECT ?, u.id, ?, ?, ?, 'web' FROM unit u WHERE u.gtin = ? AND u.serial = ?""")
                .params(UUID.randomUUID(), owner, java.sql.Timestamp.from(ownedFrom), java.sql.Date.valueOf(purchaseDate), gtin, serial)
                .update();
        assertThat(rows).as("unit %s/%s", gtin, serial).isEqualTo(1);
        return owner;
    }

    public long unitId(String gtin, String serial) {
        return jdbc.sql("SELECT id FROM unit WHERE gtin = ? AND serial = ?").params(gtin, serial).query(Long.class).single();
    }

    public List<Map<String, Object>> decisions(String gtin, String serial) {
        return hub.list("/api/units/decisions?gtin=" + gtin + "&serial=" + serial);
    }

    /** Waits until the unit has {@code count} decisions and returns them, oldest first. */
    public List<Map<String, Object>> awaitDecisions(String gtin, String serial, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> decisions(gtin, serial).size() >= count);
        return decisions(gtin, serial);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> offer(Map<String, Object> decision) {
        return (Map<String, Object>) decision.get("offer");
    }

    /** Asserts that each of {@code emails} has exactly {@code count} e-mails and gets no further one within a few seconds. */
    public void assertMailCountStays(int count, String... emails) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> Arrays.stream(emails).allMatch(e -> inbox.mailsTo(e).size() == count));
    }
}
