package io.aftersaleshub.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/events")
public class EventController {

    /** Documentation only: the canonical event as the API reads it (EventIngest validates the JSON itself). */
    @Schema(name = "Event", description = "One canonical event; unique by (source, sourceEventId)")
    record EventDoc(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"registration.completed",
                    "support.case_closed", "parts.viewed", "ownership.transferred", "ownership.anniversary",
                    "warranty.expiring"}) String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "crm", maxLength = 100) String source,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "crm-4711", maxLength = 200) String sourceEventId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-20T10:15:30Z") OffsetDateTime occurredAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "04098765000300") String gtin,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "EM300-00001") String serial,
            @Schema(nullable = true, example = "ana@example.com") String ownerEmail,
            @Schema(nullable = true, description = "free-form attributes of the event; support.case_closed requires "
                    + "caseId (one event per source and case) and category") Map<String, Object> attributes) {
    }

    private final EventIngest ingest;

    public EventController(EventIngest ingest) {
        this.ingest = ingest;
    }

    /** One canonical event or an array of them; 202 with one receipt per event, in order. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            description = "one event, or an array of at most 1000 events",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(oneOf = {EventDoc.class, EventDoc[].class})))
    public List<EventIngest.Receipt> post(@RequestBody JsonNode body) {
        return ingest.ingest(body);
    }
}
