package io.hookline.schemas.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomHeadersTest {

    @Test
    void shouldAcceptOrdinaryHeaders() {
        assertThat(CustomHeaders.problems(Map.of("X-Team", "payments", "Authorization", "Bearer abc.def", "X-Tab", "a\tb"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "Content-Type", "content-length", "CONTENT-ENCODING", "webhook-signature", "Webhook-Id",
            "X-Define-Signature", "x-define-anything", "User-Agent", "Connection", "Keep-Alive", "Proxy-Authorization", "TE",
            "Trailer", "Transfer-Encoding", "Upgrade", "X-Webhook-Secret", "Expect", "traceparent", "TraceParent", "tracestate"})
    void shouldRefuseTheHeadersHooklineOrTheConnectionOwnWhateverTheirCase(String name) {
        assertThat(CustomHeaders.problems(Map.of(name, "x"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("headers." + name);
                    assertThat(p.problem()).contains("cannot be set");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Team", "X-Team:", "X-Tëam", "(X)", "X/Team"})
    void shouldRefuseANameThatIsNotAToken(String name) {
        assertThat(CustomHeaders.problems(Map.of(name, "x"))).singleElement()
                .satisfies(p -> assertThat(p.problem()).containsAnyOf("RFC 7230 token", "1 to 64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b"})
    void shouldRefuseAValueThatCouldSplitTheRequest(String value) {
        assertThat(CustomHeaders.problems(Map.of("X-Team", value))).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("CR, LF or NUL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "bell\u0007", "del\u007f", " padded", "padded "})
    void shouldRefuseAValueThatHttpWouldNotCarryAsWritten(String value) {
        assertThat(CustomHeaders.problems(Map.of("X-Team", value))).hasSize(1);
    }

    @Test
    void shouldRefuseTheSameNameTwiceInOtherCase() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Team", "a");
        headers.put("x-team", "b");
        assertThat(CustomHeaders.problems(headers)).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("twice"));
    }

    @Test
    void shouldBoundTheCountAndTheSize() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= CustomHeaders.MAX_COUNT; i++) {
            many.put("X-H" + i, "v");
        }
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            big.put("X-Big" + i, "v".repeat(CustomHeaders.MAX_VALUE_LENGTH));
        }
        assertThat(CustomHeaders.problems(many)).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("headers"));
        assertThat(CustomHeaders.problems(big)).singleElement().satisfies(p -> assertThat(p.problem()).contains("at most 8192"));
        assertThat(CustomHeaders.problems(Map.of("X-Long", "v".repeat(CustomHeaders.MAX_VALUE_LENGTH + 1)))).hasSize(1);
        assertThat(CustomHeaders.problems(Map.of("X-" + "n".repeat(CustomHeaders.MAX_NAME_LENGTH), "v"))).hasSize(1);
    }
}
