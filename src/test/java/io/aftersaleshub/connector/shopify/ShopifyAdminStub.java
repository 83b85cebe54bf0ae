package io.aftersaleshub.connector.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * WireMock as the shop's Admin API (GraphQL on {@code /admin/api/2024-10/graphql.json}, token {@code test-token}):
 * every SKU has variant 4711; codes are unknown until created, and answer the shapes Shopify documents.
 */
final class ShopifyAdminStub {

    static final String PATH = "/admin/api/2024-10/graphql.json";
    static final String TOKEN = "test-token";
    static final String VARIANT = "gid://shopify/ProductVariant/4711";
    static final String DISCOUNT = "gid://shopify/DiscountCodeNode/900";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    ShopifyAdminStub() {
        server.start();
    }

    String url() {
        return server.baseUrl();
    }

    /** A shop that always answers: lookups find nothing, variants exist, creating succeeds. */
    void answering() {
        server.stubFor(call("codeDiscountNodeByCode").willReturn(json("{\"data\":{\"codeDiscountNodeByCode\":null}}")));
        server.stubFor(call("productVariants").willReturn(variantFound()));
        server.stubFor(call("discountCodeBasicCreate").willReturn(created()));
    }

    static MappingBuilder call(String operation) {
        return post(urlEqualTo(PATH)).withHeader(ShopifyAdminClient.TOKEN_HEADER, equalTo(TOKEN))
                .withRequestBody(containing(operation));
    }

    static RequestPatternBuilder requested(String operation) {
        return postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(operation));
    }

    static ResponseDefinitionBuilder variantFound() {
        return json("{\"data\":{\"productVariants\":{\"nodes\":[{\"id\":\"" + VARIANT + "\",\"legacyResourceId\":\"4711\"}]}}}");
    }

    static ResponseDefinitionBuilder created() {
        return json("{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":{\"id\":\"" + DISCOUNT + "\"},\"userErrors\":[]}}}");
    }

    static ResponseDefinitionBuilder found() {
        return json("{\"data\":{\"codeDiscountNodeByCode\":{\"id\":\"" + DISCOUNT + "\"}}}");
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
