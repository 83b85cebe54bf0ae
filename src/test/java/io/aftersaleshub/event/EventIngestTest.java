package io.aftersaleshub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.RequestRejectedException;
import org.junit.jupiter.api.Test;

class EventIngestTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventIngest ingest = new EventIngest(null, null, json);

    @Test
    void aValidEventIsNormalised() throws Exception {
        List<HubEvent> events = ingest.parse(json.readTree("""
                {"type":"support.case_closed","source":" salesforce ","sourceEventId":"500Hs00001","occurredAt":"2026-11-20T10:15:30+01:00",
                 "gtin":"4098765000300","serial":"EM300-00001","ownerEmail":"Ana@Example.COM","attributes":{"caseNumber":"00001026","caseId":"500Hs00001","category":"descaling"}}
                """));
        HubEvent e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.SUPPORT_CASE_CLOSED);
        assertThat(e.source()).isEqualTo("salesforce");
        assertThat(e.gtin()).isEqualTo("04098765000300");
        assertThat(e.ownerEmail()).isEqualTo("ana@example.com");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:30Z"));
        assertThat(e.attributes()).containsEntry("caseNumber", "00001026");
    }

    @Test
    void everyProblemOfEveryEventIsNamedByItsPath() {
        assertThatThrownBy(() -> ingest.parse(json.readTree("""
                [{"type":"registration.completed","source":"crm","sourceEventId":"1","occurredAt":"2026-11-20T10:15:30Z",
                  "gtin":"04098765000300","serial":"S1"},
                 {"type":"nope","sourceEventId":"2","occurredAt":"2026-11-20","gtin":"123","serial":"S 2","ownerEmail":"x",
                  "attributes":[1]}]
                """)))
                .isInstanceOfSatisfying(RequestRejectedException.class, ex -> assertThat(ex.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("[1].type", "[1].source", "[1].occurredAt", "[1].gtin", "[1].serial",
                                "[1].ownerEmail", "[1].attributes"));
    }

    @Test
    void emptyOrScalarBodiesAreRefused() {
        assertThatThrownBy(() -> ingest.parse(json.readTree("[]"))).hasMessageContaining("holds no event");
        assertThatThrownBy(() -> ingest.parse(json.readTree("42"))).hasMessageContaining("must be one event object");
    }
}
