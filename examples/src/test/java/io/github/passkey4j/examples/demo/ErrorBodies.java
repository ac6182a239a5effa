package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The seed's error body, built independently of the server's code, to compare answers with. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static JsonNode of(int code, String id, String message) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        ObjectNode detail = body.putArray("details").addObject();
        detail.put("@type", "type.googleapis.com/zitadel.v1.ErrorDetail");
        detail.put("id", id);
        detail.put("message", message);
        return body;
    }
}
