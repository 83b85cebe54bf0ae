package io.aftersaleshub.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The hub's HTTP API as a test talks to it: raw JSON in, status and parsed JSON out. */
public class HubClient {

    public record Answer(int status, JsonNode body) {
    }

    private final TestRestTemplate http;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    /** A client with the test hubs' bootstrap key (every scope). */
    public HubClient(TestRestTemplate http) {
        this(http, HubIntegrationTest.API_KEY);
    }

    /** A client sending this API key in {@code X-Api-Key}, or none when null. */
    public HubClient(TestRestTemplate http, String apiKey) {
        this.http = http;
        this.apiKey = apiKey;
    }

    public HubClient withKey(String key) {
        return new HubClient(http, key);
    }

    public Answer post(String path, Object body) {
        return send(HttpMethod.POST, path, body);
    }

    public Answer get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public Answer delete(String path) {
        return send(HttpMethod.DELETE, path, null);
    }

    public Answer send(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        if (apiKey != null) {
            headers.set("X-Api-Key", apiKey);
        }
        String text = null;
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            text = body instanceof String s ? s : write(body);
        }
        ResponseEntity<String> r = http.exchange(path, method, new HttpEntity<>(text, headers), String.class);
        return new Answer(r.getStatusCode().value(), read(r.getBody()));
    }

    public List<Map<String, Object>> list(String path) {
        return json.convertValue(get(path).body(), new TypeReference<>() { });
    }

    /** The action of this channel in a decision as the decisions API shows it, or null. */
    public static JsonNode actionOf(JsonNode decision, String channel) {
        for (JsonNode a : decision.get("actions")) {
            if (channel.equals(a.get("channel").asText())) {
                return a;
            }
        }
        return null;
    }

    /** The status of that action, or null when the decision has none for the channel. */
    public static String statusOf(JsonNode decision, String channel) {
        JsonNode a = actionOf(decision, channel);
        return a == null ? null : a.get("status").asText();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null || text.isEmpty() ? null : json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
