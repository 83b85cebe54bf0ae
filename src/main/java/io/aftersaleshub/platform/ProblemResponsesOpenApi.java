package io.aftersaleshub.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Documents the problem-details refusals on every operation of the API document, in one place. */
@Component
public class ProblemResponsesOpenApi implements OpenApiCustomizer {

    static final String SCHEMA = "Problem";
    private static final List<HttpStatus> EVERY_OPERATION = List.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND,
            HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE, HttpStatus.INTERNAL_SERVER_ERROR);

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(SCHEMA, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(this::document));
    }

    private void document(Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        EVERY_OPERATION.forEach(status -> add(responses, status));
        if (operation.getRequestBody() != null) {
            add(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    private static void add(ApiResponses responses, HttpStatus status) {
        String code = Integer.toString(status.value());
        ApiResponse existing = responses.get(code);
        if (existing != null && existing.getContent() != null && existing.getContent().containsKey(ApiProblem.MEDIA_TYPE.toString())) {
            return;
        }
        responses.addApiResponse(code, new ApiResponse().description(status.getReasonPhrase() + " (problem details)")
                .content(new Content().addMediaType(ApiProblem.MEDIA_TYPE.toString(),
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().description("JSON path of the field, e.g. owner.email or items[0].price"))
                .addProperty("reason", new StringSchema().description("why it was refused, e.g. is not a valid e-mail address"))
                .required(List.of("field", "reason"));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").example("about:blank"));
        properties.put("title", new StringSchema().description("the HTTP status phrase").example("Bad Request"));
        properties.put("status", new IntegerSchema().example(400));
        properties.put("detail", new StringSchema().example("owner.email is not a valid e-mail address"));
        properties.put("instance", new StringSchema().format("uri").description("the path asked for"));
        properties.put("errors", new ArraySchema().items(fieldProblem).description("field-level reasons; may be empty"));
        return new ObjectSchema().properties(properties).required(List.of("type", "title", "status", "detail", "errors"))
                .description("RFC 9457 problem details");
    }
}
