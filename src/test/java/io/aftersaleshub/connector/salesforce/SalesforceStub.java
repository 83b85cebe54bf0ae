package io.aftersaleshub.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * WireMock as a Salesforce org: the OAuth token endpoint (client credentials for {@link #CLIENT_ID}) and the REST
 * API's SOQL endpoint {@code /services/data/v62.0/query/}, answering what a test gives it in Salesforce's shapes
 * (a token with an identity URL of 18-character org and user ids; query results with {@code totalSize},
 * {@code done}, {@code records}; errors as {@code [{message, errorCode}]}).
 */
final class SalesforceStub {

    static final String CLIENT_ID = "3MVG9-test-client";
    static final String CLIENT_SECRET = "test-client-secret-0123456789";
    static final String TOKEN = "00DRM0000001gPL!AQ4AQ-test-access-token";
    static final String QUERY = "/services/data/v62.0/query/";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    SalesforceStub() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withRequestBody(containing("client_id=" + CLIENT_ID))
                .willReturn(json(200, "{\"access_token\":\"" + TOKEN + "\",\"instance_url\":\"" + server.baseUrl() + "\","
                        + "\"id\":\"" + server.baseUrl() + "/id/00DRM0000001gPLEAY/005RM000001SwiUAAS\","
                        + "\"token_type\":\"Bearer\",\"issued_at\":\"1795192860000\",\"signature\":\"c2lnbmF0dXJl\"}")));
        // owners have no Contact unless a test gives them one (a stub added later wins)
        answer("FROM Contact WHERE Email = ", List.of());
    }

    /** Creating a Task answers this id, as the REST API does. */
    void createsTask(String id) {
        server.stubFor(post(urlPathMatching("/services/data/v62.0/sobjects/Task/?")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json(201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}")));
    }

    String url() {
        return server.baseUrl();
    }

    /** Queries whose SOQL contains {@code soqlPart} answer these records (one page). */
    void answer(String soqlPart, List<ObjectNode> records) {
        ArrayNode array = CaseChangesTest.JSON.createArrayNode();
        records.forEach(array::add);
        ObjectNode page = CaseChangesTest.JSON.createObjectNode().put("totalSize", records.size()).put("done", true);
        page.set("records", array);
        server.stubFor(query(soqlPart).willReturn(json(200, page.toString())));
    }

    /** Queries whose SOQL contains {@code soqlPart} answer 503, as an org in maintenance does. */
    void unavailable(String soqlPart) {
        server.stubFor(query(soqlPart).willReturn(json(503,
                "[{\"message\":\"Service unavailable, try again later\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
    }

    static MappingBuilder query(String soqlPart) {
        return get(urlPathEqualTo(QUERY)).withQueryParam("q", containing(soqlPart))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    /** A Case record as the REST API answers it. */
    static ObjectNode caseRecord(String id, String status, String category, String gtin, String serial, String closedDate) {
        ObjectNode r = CaseChangesTest.JSON.createObjectNode();
        r.putObject("attributes").put("type", "Case").put("url", "/services/data/v62.0/sobjects/Case/" + id);
        r.put("Id", id).put("CaseNumber", "0000" + id.substring(id.length() - 4)).put("Status", status).put("ClosedDate", closedDate)
                .put("LastModifiedDate", closedDate).put("Product_GTIN__c", gtin).put("Serial_Number__c", serial).put("Type", category);
        return r;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }
}
