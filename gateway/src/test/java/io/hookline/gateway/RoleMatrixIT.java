package io.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.principal.Role;
import io.hookline.testsupport.TestReceiver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what (API.md, "Auth"; issue 3, "Roles"): every {@code /v4} endpoint the gateway
 * maps, called by the owner, an admin and a member of the team that owns the resource, and by the
 * owner, an admin and a member of another team. To cover a new endpoint, add one line to
 * {@link #ENDPOINTS}; {@link #shouldHaveARowForEveryMappedEndpoint()} fails until it is there.
 *
 * <p>Own team: a role the endpoint allows passes authorization (neither 401/403 nor 5xx; 2xx where
 * the row says so); a member on a management endpoint gets 403. Another team: every role gets
 * exactly what it gets for an id that does not exist (404 for a role the endpoint allows), so
 * nothing reveals that the resource exists.
 */
class RoleMatrixIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Who may call an endpoint within their team. */
    enum Access { READ, MANAGE, OWN }

    /**
     * One endpoint. Placeholders: {webhook}, {user}, {doc}, {portalLink} (resources of the team, shared by the rows),
     * {freshWebhook}, {freshUser}, {freshDoc}, {freshPortalLink} (created for the one call, for destructive rows), {delivery} (an unknown delivery),
     * {receiver} (an HTTPS URL), {unique} (a fresh token).
     */
    record Endpoint(HttpMethod method, String path, Access access, String body, boolean expect2xx) {

        static Endpoint read(String method, String path) {
            return new Endpoint(HttpMethod.valueOf(method), path, Access.READ, null, true);
        }

        static Endpoint manage(String method, String path, String body) {
            return new Endpoint(HttpMethod.valueOf(method), path, Access.MANAGE, body, false);
        }

        static Endpoint manage2xx(String method, String path, String body) {
            return new Endpoint(HttpMethod.valueOf(method), path, Access.MANAGE, body, true);
        }

        /** {@code GET /v4/webhooks/{}}: the form the handler mappings are compared in. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^}]*}", "{}");
        }

        boolean hasTeamResource() {
            return path.contains("{");
        }
    }

    static final String WEBHOOK_BODY = "{\"url\": \"{receiver}\", \"events\": [\"*\"]}";
    static final String DOC_BODY = "{\"name\": \"matrix\", \"datasets\": [{\"key\": \"main\", \"code\": \"print(1)\"}]}";

    static final List<Endpoint> ENDPOINTS = List.of(
            // webhooks
            Endpoint.manage2xx("POST", "/v4/webhooks", WEBHOOK_BODY),
            Endpoint.read("GET", "/v4/webhooks"),
            Endpoint.read("GET", "/v4/webhooks/{webhook}"),
            Endpoint.manage2xx("PATCH", "/v4/webhooks/{webhook}", "{\"description\": \"changed by the matrix\"}"),
            Endpoint.manage2xx("POST", "/v4/webhooks/{webhook}/disable", null),
            Endpoint.manage2xx("POST", "/v4/webhooks/{webhook}/enable", null),
            Endpoint.manage2xx("DELETE", "/v4/webhooks/{freshWebhook}", null),
            Endpoint.manage2xx("GET", "/v4/webhooks/{webhook}/secret", null),
            Endpoint.manage2xx("POST", "/v4/webhooks/{webhook}/secret/rotate", null),
            Endpoint.manage2xx("POST", "/v4/webhooks/{webhook}/verify", null),
            Endpoint.manage("POST", "/v4/webhooks/{webhook}/test", "{\"eventType\": \"acronym.created\"}"),
            new Endpoint(HttpMethod.POST, "/v4/webhooks/filters/test", Access.READ,
                    "{\"filter\": {\"type\": \"a\"}, \"event\": {\"type\": \"a\", \"data\": {}}}", true),
            // delivery logs
            Endpoint.read("GET", "/v4/webhooks/{webhook}/deliveries"),
            new Endpoint(HttpMethod.GET, "/v4/webhooks/{webhook}/deliveries/{delivery}", Access.READ, null, false),
            Endpoint.manage("POST", "/v4/webhooks/{webhook}/deliveries/{delivery}/redeliver", null),
            Endpoint.manage("POST", "/v4/webhooks/{webhook}/recover", "{\"since\": \"2026-01-01T00:00:00Z\"}"),
            // events and their catalog
            new Endpoint(HttpMethod.POST, "/v4/events", Access.READ, "{\"type\": \"acronym.created\", \"data\": {}}", false),
            Endpoint.read("GET", "/v4/event-types"),
            Endpoint.manage("POST", "/v4/event-types",
                    "{\"type\": \"matrix.t{unique}\", \"description\": \"matrix\", \"schema\": {\"type\": \"object\"}, \"sample\": {}}"),
            // users and keys
            Endpoint.manage2xx("POST", "/v4/users", "{\"email\": \"m{unique}@example.com\", \"role\": \"member\"}"),
            Endpoint.read("GET", "/v4/users"),
            Endpoint.read("GET", "/v4/users/{user}"),
            Endpoint.manage2xx("DELETE", "/v4/api-keys/{freshUser}", null),
            Endpoint.manage2xx("POST", "/v4/api-keys/{user}/rotate", null),
            // docs
            Endpoint.manage2xx("POST", "/v4/docs", DOC_BODY),
            Endpoint.read("GET", "/v4/docs/{doc}"),
            Endpoint.manage2xx("PUT", "/v4/docs/{doc}", DOC_BODY),
            Endpoint.manage2xx("DELETE", "/v4/docs/{freshDoc}", null),
            Endpoint.manage2xx("POST", "/v4/docs/{freshDoc}/archive", null),
            new Endpoint(HttpMethod.GET, "/v4/executions/{unique}", Access.READ, null, false),
            // the console's portal links
            Endpoint.manage2xx("POST", "/v4/portal-links", "{\"webhookIds\": [\"{webhook}\"], \"readOnly\": true}"),
            Endpoint.manage2xx("GET", "/v4/portal-links/{portalLink}", null),
            Endpoint.manage2xx("DELETE", "/v4/portal-links/{freshPortalLink}", null),
            // who changed what: the owner's alone
            new Endpoint(HttpMethod.GET, "/v4/audit-log", Access.OWN, null, true));

    /**
     * Mapped endpoints the matrix leaves out, with why. Executing waits for the executor, which this
     * gateway-only test does not run; tables are not a resource of a team's id space.
     */
    // the OpenAPI document needs no key and so no role: ApiReferenceIT covers it
    static final Set<String> NOT_IN_MATRIX = Set.of("POST /v4/webhook/docs/{}/execute", "POST /v4/tables/{}/rows", "GET /v4/tables/{}/rows",
            "GET /v4/tables", "POST /v4/sql", "GET /v4/openapi.json");

    private static IsolatedGateway gateway;
    private static WebTestClient client;
    private static TestReceiver receiver;
    private static Team home;
    private static Team other;
    private static Map<String, String> shared;

    @BeforeAll
    static void start() {
        receiver = TestReceiver.https();
        // Creation waits for verification, which no deliverer answers here: keep that wait short.
        gateway = IsolatedGateway.start(Map.of("hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.gateway.webhooks.verification-timeout", "1s"));
        client = gateway.client();
        home = Team.create();
        other = Team.create();
        shared = Map.of("{webhook}", home.create("/v4/webhooks", WEBHOOK_BODY),
                "{user}", home.create("/v4/users", "{\"email\": \"target@example.com\", \"role\": \"member\"}"),
                "{doc}", isMapped("POST /v4/docs") ? home.create("/v4/docs", DOC_BODY) : "none",
                "{portalLink}", isMapped("POST /v4/portal-links") ? home.create("/v4/portal-links", "{}") : "none");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void shouldHaveARowForEveryMappedEndpoint() {
        Set<String> rows = ENDPOINTS.stream().map(Endpoint::shape).collect(Collectors.toSet());
        assertThat(mapped()).allMatch(shape -> rows.contains(shape) || NOT_IN_MATRIX.contains(shape))
                .contains("POST /v4/users", "DELETE /v4/api-keys/{}", "POST /v4/webhooks", "GET /v4/webhooks/{}");
    }

    @TestFactory
    Stream<DynamicTest> shouldLetEachRoleDoOnlyWhatItMay() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS.stream().filter(e -> isMapped(e.shape())).toList()) {
            for (Role role : Role.values()) {
                tests.add(DynamicTest.dynamicTest(role.wire() + " of another team: " + endpoint.shape(), () -> checkOtherTeam(endpoint, role)));
            }
            for (Role role : List.of(Role.MEMBER, Role.ADMIN, Role.OWNER)) {
                tests.add(DynamicTest.dynamicTest(role.wire() + ": " + endpoint.shape(), () -> checkOwnTeam(endpoint, role)));
            }
        }
        return tests.stream();
    }

    private static void checkOwnTeam(Endpoint endpoint, Role role) {
        EntityExchangeResult<byte[]> result = call(home.key(role), endpoint, resolve(endpoint, true));
        int status = result.getStatus().value();
        if (endpoint.access() == Access.MANAGE && role == Role.MEMBER || endpoint.access() == Access.OWN && role != Role.OWNER) {
            assertThat(status).as(describe(result)).isEqualTo(403);
            assertThat(code(result)).isEqualTo("forbidden");
            return;
        }
        assertThat(status).as(describe(result)).isNotIn(401, 403).isLessThan(500);
        if (endpoint.expect2xx()) {
            assertThat(status).as(describe(result)).isBetween(200, 299);
        }
    }

    private static void checkOtherTeam(Endpoint endpoint, Role role) {
        Function<String, String> theirs = resolve(endpoint, false);
        EntityExchangeResult<byte[]> result = call(other.key(role), endpoint, theirs);
        if (!endpoint.hasTeamResource()) {
            // a collection or a creation: what the other team sees is its own, never the home team's ids
            assertThat(new String(result.getResponseBody() == null ? new byte[0] : result.getResponseBody(), StandardCharsets.UTF_8))
                    .as(describe(result)).doesNotContain(shared.get("{webhook}")).doesNotContain(shared.get("{user}"));
            return;
        }
        EntityExchangeResult<byte[]> unknown = call(other.key(role), endpoint, unknownIds(theirs));
        // another team's resource is 404 for every role, exactly like an unknown id
        assertThat(result.getStatus().value()).as(describe(result)).isEqualTo(unknown.getStatus().value()).isEqualTo(404);
        assertThat(code(result)).as(describe(result)).isEqualTo(code(unknown));
    }

    /** The endpoint's placeholders filled in; fresh resources only for own-team calls, which may destroy them. */
    private static Function<String, String> resolve(Endpoint endpoint, boolean ownTeam) {
        String unique = UUID.randomUUID().toString().replace("-", "");
        return template -> {
            String text = template.replace("{receiver}", receiver.url("/matrix")).replace("{unique}", unique)
                    .replace("{delivery}", "dlv_0000000000000000");
            for (Map.Entry<String, String> resource : shared.entrySet()) {
                text = text.replace(resource.getKey(), resource.getValue());
            }
            if (text.contains("{freshWebhook}")) {
                text = text.replace("{freshWebhook}", ownTeam ? home.create("/v4/webhooks", WEBHOOK_BODY) : shared.get("{webhook}"));
            }
            if (text.contains("{freshUser}")) {
                text = text.replace("{freshUser}", ownTeam
                        ? home.create("/v4/users", "{\"email\": \"f" + unique + "@example.com\", \"role\": \"member\"}") : shared.get("{user}"));
            }
            if (text.contains("{freshPortalLink}")) {
                text = text.replace("{freshPortalLink}", ownTeam ? home.create("/v4/portal-links", "{}") : shared.get("{portalLink}"));
            }
            if (text.contains("{freshDoc}")) {
                text = text.replace("{freshDoc}", ownTeam ? home.create("/v4/docs", DOC_BODY) : shared.get("{doc}"));
            }
            return text;
        };
    }

    /** The same request with the home team's ids replaced by ids that exist nowhere. */
    private static Function<String, String> unknownIds(Function<String, String> resolve) {
        return template -> resolve.apply(template)
                .replace(shared.get("{webhook}"), "wh_0000000000000000")
                .replace(shared.get("{user}"), "usr_0000000000000000")
                .replace(shared.get("{doc}"), "00000000-0000-4000-8000-000000000000")
                .replace(shared.get("{portalLink}"), "pl_000000000000000000000000");
    }

    private static EntityExchangeResult<byte[]> call(String key, Endpoint endpoint, Function<String, String> resolve) {
        WebTestClient.RequestBodySpec request = client.method(endpoint.method()).uri(resolve.apply(endpoint.path()))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        WebTestClient.RequestHeadersSpec<?> ready = endpoint.body() == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(resolve.apply(endpoint.body()));
        return ready.exchange().expectBody().returnResult();
    }

    private static String code(EntityExchangeResult<byte[]> result) {
        return MAPPER.readTree(result.getResponseBody()).at("/error/code").asString();
    }

    private static String describe(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBody();
        return result.getMethod() + " " + result.getUrl().getPath() + " -> " + result.getStatus().value() + " "
                + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static Set<String> mapped() {
        RequestMappingHandlerMapping mapping = gateway.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        return mapping.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternsCondition().getPatterns().stream()
                        .filter(pattern -> pattern.getPatternString().startsWith("/v4/"))
                        .flatMap(pattern -> info.getMethodsCondition().getMethods().stream()
                                .map(method -> method.name() + " " + pattern.getPatternString().replaceAll("\\{[^}]*}", "{}"))))
                .collect(Collectors.toSet());
    }

    private static boolean isMapped(String shape) {
        return mapped().contains(shape);
    }

    /** A team with one user of each role; resources are created by its owner. */
    record Team(Map<Role, String> keys) {

        static Team create() {
            String id = "team-" + UUID.randomUUID();
            return new Team(Map.of(Role.OWNER, gateway.newUser(id, Role.OWNER), Role.ADMIN, gateway.newUser(id, Role.ADMIN),
                    Role.MEMBER, gateway.newUser(id, Role.MEMBER)));
        }

        String key(Role role) {
            return keys.get(role);
        }

        /** Creates a resource as the owner; returns its id. */
        String create(String path, String body) {
            EntityExchangeResult<byte[]> result = client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key(Role.OWNER))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body.replace("{receiver}", receiver.url("/matrix")))
                    .exchange().expectBody().returnResult();
            assertThat(result.getStatus().value()).as(describe(result)).isBetween(200, 299);
            JsonNode created = MAPPER.readTree(result.getResponseBody());
            return created.at("/data/id").asString();
        }
    }
}
