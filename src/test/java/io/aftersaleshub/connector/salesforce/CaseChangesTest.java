package io.aftersaleshub.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * What a Case change event becomes, on the corpus' Change Data Capture events and Case events derived from them
 * ({@code src/test/resources/salesforce/SOURCE.md}).
 */
class CaseChangesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static SalesforceProperties settings(String... resolved) {
        return new SalesforceProperties("http://127.0.0.1:1", "client", "s3cr3t", null, null, null, null, null, null, false,
                null, 0, false, "Product_GTIN__c", "Serial_Number__c", "Type", null, List.of(resolved), null, Duration.ofHours(72), null, false);
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = CaseChangesTest.class.getResourceAsStream("/salesforce/" + name)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SERIAL-PLACEHOLDER", "EM300-00001"));
        }
    }

    private final CaseChanges changes = new CaseChanges(new CaseEvents(settings("Closed", "Resolved"), JSON));

    @Test
    void aCaseClosedWithItsUnitAndCategoryBecomesOneSupportCaseClosedEvent() throws IOException {
        CaseChanges.Change c = changes.read(resource("case_closed_cometd.json"));

        assertThat(c.changeType()).isEqualTo("UPDATE");
        assertThat(c.changedAt()).isEqualTo(Instant.parse("2026-11-20T16:41:00Z"));
        assertThat(c.reread()).isEmpty();
        assertThat(c.events()).hasSize(1);
        ObjectNode e = c.events().get(0);
        assertThat(e.toString()).isEqualTo("{\"type\":\"support.case_closed\",\"source\":\"salesforce\","
                + "\"sourceEventId\":\"500RM000005a9tGYAQ@2026-11-20T16:41:00Z\",\"occurredAt\":\"2026-11-20T16:41:00Z\","
                + "\"gtin\":\"04098765000300\",\"serial\":\"EM300-00001\",\"attributes\":{\"caseId\":\"500RM000005a9tGYAQ\","
                + "\"category\":\"descaling\",\"resolution\":\"Closed\",\"caseNumber\":\"00001029\"}}");
    }

    @Test
    void theEventsPayloadAloneIsReadTooAndResolvedStatusesAreConfigured() throws IOException {
        ObjectNode payload = (ObjectNode) resource("case_closed_cometd.json").path("data").path("payload");
        payload.put("Status", "resolved");

        assertThat(changes.read(payload).events()).hasSize(1);
        payload.put("Status", "Working");
        assertThat(changes.read(payload).events()).isEmpty();
        assertThat(changes.read(payload).ignored()).isEqualTo("the status did not become resolved");
    }

    @Test
    void aClosedStatusThatDidNotChangeIsNoClose() throws IOException {
        ObjectNode payload = (ObjectNode) resource("case_closed_cometd.json").path("data").path("payload");
        ((ObjectNode) payload.get("ChangeEventHeader")).putArray("changedFields").add("Subject");

        CaseChanges.Change c = changes.read(payload);

        assertThat(c.events()).isEmpty();
        assertThat(c.reread()).isEmpty();
    }

    @Test
    void aPubSubCloseWithoutTheUnitFieldsIsReRead() throws IOException {
        CaseChanges.Change c = changes.read(resource("case_closed_pubsubapi.json"));

        assertThat(c.events()).isEmpty();
        assertThat(c.reread()).containsExactly("500RM000005a9tHYAQ");
        assertThat(c.changedAt()).isEqualTo(Instant.parse("2026-11-20T16:41:00Z"));
    }

    @Test
    void aGapEventNamesTheRecordsToReRead() throws IOException {
        CaseChanges.Change c = changes.read(resource("case_gap_update.json"));

        assertThat(c.changeType()).isEqualTo("GAP_UPDATE");
        assertThat(c.reread()).containsExactly("500RM000005a9tJYAQ", "500RM000005a9tKYAQ");
        assertThat(c.events()).isEmpty();
    }

    @Test
    void otherObjectsChangesFromTheCorpusAreLeftAlone() throws IOException {
        for (String name : List.of("cdc_account_update_enriched_sfdocs_v51.json", "cdc_account_delete_enriched_sfdocs_v51.json",
                "cdc_account_update_enriched_cometd_envelope_sfdocs_v55.json", "cdc_account_update_pubsubapi_pozil_readme.json",
                "cdc_serviceappointment_create_cometd_vivaeve.json")) {
            CaseChanges.Change c = changes.read(resource(name));
            assertThat(c.events()).as(name).isEmpty();
            assertThat(c.reread()).as(name).isEmpty();
            assertThat(c.ignored()).as(name).startsWith("a change of ").endsWith(", not of a Case");
        }
    }

    @Test
    void aDeletedCaseIsNoClose() throws IOException {
        ObjectNode payload = (ObjectNode) resource("case_closed_cometd.json").path("data").path("payload");
        ((ObjectNode) payload.get("ChangeEventHeader")).put("changeType", "DELETE");

        assertThat(changes.read(payload).ignored()).isEqualTo("DELETE does not close a case");
    }

    @Test
    void malformedEventsAreRefusedWithWhatIsWrong() throws IOException {
        ObjectNode noIds = (ObjectNode) resource("case_gap_update.json");
        ((ObjectNode) noIds.get("ChangeEventHeader")).putArray("recordIds");
        ObjectNode badId = (ObjectNode) resource("case_gap_update.json");
        ((ObjectNode) badId.get("ChangeEventHeader")).putArray("recordIds").add("x' OR Id != '");
        ObjectNode noTime = (ObjectNode) resource("case_gap_update.json");
        ((ObjectNode) noTime.get("ChangeEventHeader")).remove("commitTimestamp");
        ObjectNode noType = (ObjectNode) resource("case_gap_update.json");
        ((ObjectNode) noType.get("ChangeEventHeader")).remove("changeType");

        assertThatThrownBy(() -> changes.read(JSON.readTree("{\"Status\":\"Closed\"}")))
                .isInstanceOf(MalformedCaseChangeException.class).hasMessageStartingWith("no ChangeEventHeader");
        assertThatThrownBy(() -> changes.read(noIds)).hasMessage("ChangeEventHeader.recordIds is missing or empty");
        assertThatThrownBy(() -> changes.read(badId)).hasMessage("ChangeEventHeader.recordIds holds \"x' OR Id != '\", not a record id");
        assertThatThrownBy(() -> changes.read(noTime)).hasMessage("ChangeEventHeader.commitTimestamp is missing or not a time");
        assertThatThrownBy(() -> changes.read(noType)).hasMessage("ChangeEventHeader.changeType is missing");
    }

    @Test
    void aCaseRecordReadThroughRestBecomesTheSameKindOfEvent() throws IOException {
        CaseEvents cases = new CaseEvents(settings("Closed"), JSON);
        // the ebikes corpus Case, as a REST answer would carry it once closed on a unit
        ObjectNode record = (ObjectNode) resource("case_record_ebikes-lwc_data_Cases.json").path("records").get(0);
        record.put("Id", "500RM000005a9tLYAQ").put("Status", "Closed").put("ClosedDate", "2026-11-21T09:30:00.000+0000")
                .put("Type", "leak").put("Product_GTIN__c", "04098765000300").put("Serial_Number__c", "EM300-00002");

        ObjectNode e = cases.closed("500RM000005a9tLYAQ", record, null).orElseThrow();

        assertThat(e.get("occurredAt").asText()).isEqualTo("2026-11-21T09:30:00Z");
        assertThat(e.get("sourceEventId").asText()).isEqualTo("500RM000005a9tLYAQ@2026-11-21T09:30:00Z");
        assertThat(e.get("attributes").toString())
                .isEqualTo("{\"caseId\":\"500RM000005a9tLYAQ\",\"category\":\"leak\",\"resolution\":\"Closed\",\"caseNumber\":\"00001029\"}");
        // as it is in the corpus: escalated, no unit
        assertThat(cases.closed("500RM000005a9tLYAQ", resource("case_record_ebikes-lwc_data_Cases.json").path("records").get(0), null))
                .isEmpty();
    }

    @Test
    void fieldSettingsMustBeFieldNames() {
        assertThatThrownBy(() -> new SalesforceProperties(null, null, null, null, null, null, null, null, null, false, null, 0, false,
                "GTIN__c FROM Account --", null, null, null, null, null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Case field's API name");
        assertThat(settings().resolvedStatuses()).containsExactly("Closed");
        assertThat(settings().configured()).isTrue();
        assertThat(settings().toString()).doesNotContain("s3cr3t").contains("clientSecret=set");
    }
}
