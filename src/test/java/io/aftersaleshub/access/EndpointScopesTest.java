package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class EndpointScopesTest {

    @Test
    void theFirstMatchingRowDecidesAndAnUnlistedPathNeedsAdmin() {
        assertThat(required("POST", "/api/registrations")).contains(Scope.INGEST);
        assertThat(required("GET", "/api/units/04098765000300/EM300-00001/decisions")).contains(Scope.READ);
        assertThat(required("GET", "/api/decisions/3fe3d84a-a777-496f-a907-61ceb1a2c000")).contains(Scope.READ);
        assertThat(required("POST", "/api/ops/failures/retry")).contains(Scope.OPS);
        assertThat(required("GET", "/api/dev/mailbox")).contains(Scope.OPS);
        assertThat(required("DELETE", "/api/keys/42")).contains(Scope.ADMIN);
        // a method the row does not name falls through to the default
        assertThat(required("DELETE", "/api/registrations")).contains(Scope.ADMIN);
        assertThat(required("GET", "/api/transfers")).contains(Scope.ADMIN);
        assertThat(required("GET", "/actuator/info")).contains(Scope.ADMIN);
        assertThat(required("GET", "/")).contains(Scope.ADMIN);
        assertThat(required("GET", "/actuator/health/liveness")).isEmpty();
        assertThat(required("POST", "/webhooks/shopify/orders")).isEmpty();
        assertThat(required("GET", "/api/offers/redeem/abc.def")).isEmpty();
        // a look-alike of a public path is not public
        assertThat(required("GET", "/api/offers/redeemx")).contains(Scope.ADMIN);
    }

    @Test
    void adminIncludesEveryScope() {
        assertThat(Scope.granted(java.util.EnumSet.of(Scope.ADMIN))).containsExactlyInAnyOrder(Scope.values());
        assertThat(Scope.granted(java.util.EnumSet.of(Scope.READ))).containsExactly(Scope.READ);
        assertThat(Scope.granted(java.util.EnumSet.noneOf(Scope.class))).isEmpty();
    }

    private static Optional<Scope> required(String method, String path) {
        return EndpointScopes.required(new MockHttpServletRequest(method, path));
    }
}
