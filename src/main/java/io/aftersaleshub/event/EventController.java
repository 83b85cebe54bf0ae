package io.aftersaleshub.event;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/events")
public class EventController {

    private final EventIngest ingest;

    public EventController(EventIngest ingest) {
        this.ingest = ingest;
    }

    /** One canonical event or an array of them; 202 with one receipt per event, in order. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public List<EventIngest.Receipt> post(@RequestBody JsonNode body) {
        return ingest.ingest(body);
    }
}
