package io.hookline.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The API's OpenAPI 3.1 document. It is written by hand in YAML (reviewed against docs/API.md, easier to
 * read than JSON) and read once at start-up into the JSON that {@code GET /v4/openapi.json} serves.
 */
public final class OpenApiDocument {

    /** Where the document lies on the classpath; the tests that validate responses read it from there too. */
    public static final String RESOURCE = "/openapi/hookline.yaml";

    private final byte[] json;

    private OpenApiDocument(JsonNode tree) {
        this.json = JsonMapper.shared().writeValueAsBytes(tree);
    }

    /** @throws IllegalStateException when the resource is missing (and Jackson's error when it is not YAML): no gateway without its contract */
    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is not on the classpath");
            }
            return new OpenApiDocument(YAMLMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + RESOURCE, e);
        }
    }

    byte[] json() {
        return json.clone();
    }
}
