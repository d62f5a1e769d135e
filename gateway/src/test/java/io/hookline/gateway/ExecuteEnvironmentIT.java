package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attack: a caller hands a dataset variables that take over its interpreter or loader
 * ({@code LD_PRELOAD} of a library written to {@code /tmp}, {@code PYTHONSTARTUP}, a {@code PATH}
 * of its own) or that break the environment's format ({@code =}, NUL). The gateway refuses them
 * over HTTP before anything is queued, one detail each.
 */
class ExecuteEnvironmentIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static GatewayTestApp app;
    private static WebTestClient client;

    @BeforeAll
    static void startGateway() {
        app = GatewayTestApp.shared();
        client = app.client();
    }

    @Test
    void shouldRefuseVariablesThatWouldTakeOverTheInterpreterNamingEach() {
        // given a doc of the caller's team
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        byte[] created = success(post(key, "/v4/docs", "{\"name\": \"d\", \"datasets\": [{\"key\": \"a\", \"code\": \"print(1)\"}]}"), 201)
                .returnResult().getResponseBody();
        String docId = MAPPER.readTree(created).at("/data/id").stringValue();

        // when it is executed with loader, Python, platform and malformed names
        byte[] refused = failure(post(key, "/v4/webhook/docs/" + docId + "/execute", """
                {"environmentVariables": {"LD_PRELOAD": "/tmp/evil.so", "PYTHONSTARTUP": "/tmp/evil.py", "PATH": "/tmp",
                 "DEFINITE_API_KEY": "forged", "": "x", "A=B": "x", "N\\u0000UL": "x", "VALUE": "a\\u0000b", "ld_preload": "harmless"}}"""),
                422, "validation_failed").returnResult().getResponseBody();

        // then each is one detail of the 422, and the harmless lower-case name is not among them
        JsonNode details = MAPPER.readTree(refused).at("/error/details");
        List<String> fields = details.valueStream().map(d -> d.get("field").stringValue()).toList();
        assertThat(fields).containsExactly("environmentVariables.LD_PRELOAD", "environmentVariables.PYTHONSTARTUP",
                "environmentVariables.PATH", "environmentVariables.DEFINITE_API_KEY", "environmentVariables[\"\"]",
                "environmentVariables.A=B", "environmentVariables.N\0UL", "environmentVariables.VALUE");
        assertThat(details.valueStream().map(d -> d.get("problem").stringValue())).allSatisfy(problem -> assertThat(problem).isNotBlank());
    }

    private static WebTestClient.ResponseSpec post(String key, String path, String body) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }
}
