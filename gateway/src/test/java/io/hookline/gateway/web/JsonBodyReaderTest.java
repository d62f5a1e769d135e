package io.hookline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyReaderTest {

    private final JsonBodyReader reader = new JsonBodyReader(JsonMapper.builder().build(), DataSize.ofBytes(64));

    @Test
    void shouldReadAJsonBody() {
        // when
        JsonNode node = reader.read(exchange("{\"type\": \"a\"}", true)).block();

        // then
        assertThat(node.get("type").stringValue()).isEqualTo("a");
    }

    @Test
    void shouldCallMalformedJsonMalformedAndSayWhere() {
        ApiException error = fails("{\"type\": }");
        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(error.getMessage()).isEqualTo("The request body is not valid JSON (line 1, column 10).");
    }

    @Test
    void shouldCallAnEmptyBodyMalformed() {
        assertThat(fails("").code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(fails("   ").code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseTrailingGarbageAndDuplicateKeys() {
        assertThat(fails("{} {}").code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(fails("{\"a\": 1, \"a\": 2}").code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseABodyOverTheLimitByItsDeclaredLength() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> reader.read(exchange("[" + "1,".repeat(40) + "1]", true)).block());
        assertThat(error.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWhileReading() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> reader.read(exchange("[" + "1,".repeat(40) + "1]", false)).block());
        assertThat(error.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(error.getMessage()).contains("64 bytes");
    }

    private ApiException fails(String body) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> reader.read(exchange(body, true)).block());
        assertThat(error).as("reading should fail").isNotNull();
        return error;
    }

    /** A request whose body arrives in 8-byte chunks, with or without a Content-Length. */
    private static MockServerWebExchange exchange(String body, boolean withLength) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Flux<org.springframework.core.io.buffer.DataBuffer> chunks = Flux.range(0, (bytes.length + 7) / 8)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, i * 8, Math.min(bytes.length, i * 8 + 8))));
        MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("/v4/events");
        if (withLength) {
            request.contentLength(bytes.length);
        }
        return MockServerWebExchange.from(request.body(chunks));
    }
}
