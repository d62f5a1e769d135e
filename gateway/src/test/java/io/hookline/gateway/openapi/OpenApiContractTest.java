package io.hookline.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.testsupport.openapi.OpenApiContract;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The check every integration test's answers go through refuses what the document does not allow. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath(OpenApiDocument.RESOURCE);
    private static final Function<String, String> JSON = headers(Map.of("Content-Type", "application/json"));
    private static final String SECRET = "{\"success\": true, \"data\": {\"secret\": \"whsec_abc\"}}";

    @Test
    void shouldAcceptAnAnswerTheDocumentDescribes() {
        assertThatCode(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1/secret", 200, JSON, SECRET)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseABodyWithAFieldTheDocumentDoesNotName() {
        String extra = "{\"success\": true, \"data\": {\"secret\": \"whsec_abc\", \"previous\": \"whsec_old\"}}";

        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1/secret", 200, JSON, extra))
                .isInstanceOf(AssertionError.class).hasMessageContaining("previous");
    }

    @Test
    void shouldRefuseABodyOfTheWrongTypeOrMissingARequiredField() {
        String wrongType = "{\"success\": true, \"data\": {\"secret\": 42}}";
        String missing = "{\"success\": true, \"data\": {}}";

        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1/secret", 200, JSON, wrongType))
                .isInstanceOf(AssertionError.class).hasMessageContaining("#/components/schemas/SecretEnvelope");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1/secret", 200, JSON, missing))
                .isInstanceOf(AssertionError.class).hasMessageContaining("secret");
    }

    @Test
    void shouldRefuseAStatusTheOperationDoesNotDocument() {
        String error = "{\"success\": false, \"error\": {\"code\": \"conflict\", \"message\": \"No.\", \"details\": []}}";

        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1/secret", 409, JSON, error))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status 409 is not documented");
    }

    @Test
    void shouldRefuseAnErrorThatIsNotTheEnvelope() {
        String bootError = "{\"timestamp\": \"2026-03-28T10:15:00Z\", \"status\": 404, \"error\": \"Not Found\", \"path\": \"/v4/webhooks/x\"}";

        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/webhooks/wh_1", 404, JSON, bootError))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ErrorEnvelope");
    }

    @Test
    void shouldRefuseA503WithoutRetryAfter() {
        String unavailable = "{\"success\": false, \"error\": {\"code\": \"kafka_unavailable\", \"message\": \"Later.\", \"details\": []}}";

        assertThatThrownBy(() -> CONTRACT.check("POST", "/v4/events", 503, JSON, unavailable))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Retry-After");
        assertThatCode(() -> CONTRACT.check("POST", "/v4/events", 503,
                headers(Map.of("Content-Type", "application/json", "Retry-After", "5")), unavailable)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseABodyOnA204AndAnUndocumentedOperation() {
        assertThatThrownBy(() -> CONTRACT.check("DELETE", "/v4/webhooks/wh_1", 204, JSON, "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no body");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v4/unknown", 200, JSON, SECRET))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has no operation");
    }

    /** Header look-up as HTTP does it: names are case-insensitive. */
    private static Function<String, String> headers(Map<String, String> headers) {
        return name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
