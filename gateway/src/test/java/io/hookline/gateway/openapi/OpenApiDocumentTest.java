package io.hookline.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.openapi.OpenApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document is valid OpenAPI 3.1, its examples satisfy its schemas, and it names exactly the gateway's /v4 routes. */
class OpenApiDocumentTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath(OpenApiDocument.RESOURCE);
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void shouldBeOpenApi31ThatTheReferenceParserReadsWithoutAnyMessage() throws IOException {
        // given the document as served
        String yaml;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        // when swagger-parser reads and validates it
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);

        // then it has no error nor warning
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void shouldNameExactlyTheV4RoutesTheGatewayRegisters() {
        // given every route of the gateway's controllers under /v4
        Set<String> registered = registeredRoutes();

        // when compared with the document's operations
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : CONTRACT.document().path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        // then neither has one the other lacks
        assertThat(registered).hasSizeGreaterThan(30).contains("GET /v4/openapi.json");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void shouldHaveExamplesThatSatisfyTheirSchemas() {
        // given every example of a response in the document, inline or in components/responses
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (JsonNode response : responses()) {
            JsonNode json = response.path("content").path("application/json");
            String ref = json.path("schema").path("$ref").asString(null);
            if (json.has("example") && ref != null) {
                // when validated against the response's schema
                var errors = CONTRACT.errors(ref, json.get("example").toString());
                checked++;
                if (!errors.isEmpty()) {
                    failures.add(ref + ": " + errors);
                }
            }
        }

        // then each satisfies it
        assertThat(checked).isGreaterThan(15);
        assertThat(failures).isEmpty();
    }

    private static List<JsonNode> responses() {
        List<JsonNode> responses = new ArrayList<>();
        CONTRACT.document().path("components").path("responses").forEach(responses::add);
        for (JsonNode item : CONTRACT.document().path("paths")) {
            for (Map.Entry<String, JsonNode> operation : item.properties()) {
                if (HTTP_METHODS.contains(operation.getKey())) {
                    operation.getValue().path("responses").forEach(responses::add);
                }
            }
        }
        return responses;
    }

    /** "METHOD /path" of every {@code @RequestMapping} (and its shortcuts) on the gateway's controllers under /v4. */
    static Set<String> registeredRoutes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> routes = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.hookline.gateway")) {
            Class<?> controller;
            try {
                controller = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                for (String path : mapping.path()) {
                    for (RequestMethod verb : mapping.method()) {
                        if (path.startsWith("/v4/")) {
                            routes.add(verb.name() + " " + path);
                        }
                    }
                }
            }
        }
        return routes;
    }
}
