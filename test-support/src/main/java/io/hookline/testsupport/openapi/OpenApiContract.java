package io.hookline.testsupport.openapi;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks that an HTTP answer is one the API's OpenAPI document allows: the operation documents the
 * status, the body satisfies the status's schema (JSON Schema 2020-12, OpenAPI 3.1 dialect, by
 * networknt's validator), the headers it marks required are there, and a {@code 204} has no body.
 * Answers to a path or method the document does not name must be the error envelope with 401, 404 or 405.
 * A violation is an {@link AssertionError}, so the test that received the answer fails.
 */
public final class OpenApiContract {

    private static final String PREFIX = "/v4";
    private static final String ERROR_ENVELOPE = "#/components/schemas/ErrorEnvelope";

    private final String resource;
    private final JsonNode document;
    private final Operations operations;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String resource, JsonNode document) {
        this.resource = resource;
        this.document = document;
        this.operations = new Operations(document);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemaRegistryConfig(
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build()));
    }

    /** @param resource the document on the classpath, such as {@code openapi/hookline.yaml} (no leading slash) */
    public static OpenApiContract fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No OpenAPI document " + name + " on the classpath");
            }
            return new OpenApiContract(name, YAMLMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as read. */
    public JsonNode document() {
        return document;
    }

    /** Whether answers to this path are the API's (and so checked). */
    public static boolean covers(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /**
     * @param rawPath the request's path without the query
     * @param header  the answer's header of that name, or null
     * @throws AssertionError saying what does not agree with the document
     */
    public void check(String method, String rawPath, int status, Function<String, String> header, String body) {
        String call = method + " " + rawPath + " -> " + status;
        Optional<JsonNode> operation = operations.find(method, rawPath);
        if (operation.isEmpty()) {
            // authentication comes before routing, so an unknown path without a key is a 401
            if (status != 401 && status != 404 && status != 405) {
                throw new AssertionError(call + ": the OpenAPI document has no operation " + method + " " + rawPath);
            }
            validate(call, ERROR_ENVELOPE, body);
            return;
        }
        JsonNode response = resolve(operation.get().path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            throw new AssertionError(call + ": status " + status + " is not documented for " + method + " " + operations.template(method, rawPath)
                    + " (documented: " + operation.get().path("responses").propertyNames() + "); body: " + abbreviated(body));
        }
        for (Map.Entry<String, JsonNode> documented : response.path("headers").properties()) {
            JsonNode definition = resolve(documented.getValue());
            if (definition.path("required").asBoolean(false) && header.apply(documented.getKey()) == null) {
                throw new AssertionError(call + ": the document requires header " + documented.getKey());
            }
        }
        JsonNode json = response.path("content").path("application/json");
        if (json.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(call + ": the document says no body, got: " + abbreviated(body));
            }
            return;
        }
        String contentType = header.apply("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new AssertionError(call + ": Content-Type is " + contentType + ", the document says application/json");
        }
        String ref = json.path("schema").path("$ref").asString(null);
        if (ref == null) {
            throw new AssertionError(call + ": the document's schema for this answer is not a $ref to components/schemas");
        }
        validate(call, ref, body);
    }

    /** The errors of this JSON against a schema of the document, such as {@code #/components/schemas/Webhook}. */
    public List<Error> errors(String schemaRef, String json) {
        return schema(schemaRef).validate(json, InputFormat.JSON);
    }

    private void validate(String call, String schemaRef, String body) {
        if (body == null || body.isEmpty()) {
            throw new AssertionError(call + ": no body, the document says " + schemaRef);
        }
        List<Error> errors = errors(schemaRef, body);
        if (!errors.isEmpty()) {
            throw new AssertionError(call + ": the body does not match " + schemaRef + ": " + errors + "\nbody: " + abbreviated(body));
        }
    }

    private Schema schema(String ref) {
        return schemas.computeIfAbsent(ref, r -> {
            Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource + r));
            schema.initializeValidators();
            return schema;
        });
    }

    /** Follows a {@code $ref} to {@code #/components/...} (responses and headers are referenced that way). */
    JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString(null);
        return ref == null ? node : document.at(ref.substring(1));
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }
}
