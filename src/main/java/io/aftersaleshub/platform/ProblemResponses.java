package io.aftersaleshub.platform;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes a refusal as {@link ApiProblem problem details} from a servlet filter, before any controller runs. */
@Component
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, HttpStatus status, String detail, String instance) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = ApiProblem.of(status, detail, List.of());
        if (instance != null) {
            try {
                problem.setInstance(java.net.URI.create(instance));
            } catch (IllegalArgumentException ignored) {
                // a path that is no valid URI is left out
            }
        }
        response.setStatus(status.value());
        response.setContentType(ApiProblem.MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
