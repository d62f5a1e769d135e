package io.hookline.schemas.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @ParameterizedTest
    @ValueSource(strings = {TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-adds"})
    void shouldAcceptAW3cTraceparent(String value) {
        assertThat(TraceContext.validTraceparent(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
            "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-\r\nX-Injected: 1"})
    void shouldRefuseWhatIsNotATraceparent(String value) {
        assertThat(TraceContext.validTraceparent(value)).isFalse();
        assertThat(TraceContext.of(value, "vendor=1")).isEmpty();
    }

    @Test
    void shouldDropATracestateThatCannotBeOneHeaderLineButKeepTheParent() {
        assertThat(TraceContext.of(TRACEPARENT, "a=1\r\nX-Injected: 1")).contains(new TraceContext(TRACEPARENT, null));
        assertThat(TraceContext.of(TRACEPARENT, "a=" + "x".repeat(TraceContext.MAX_TRACESTATE))).contains(new TraceContext(TRACEPARENT, null));
        assertThat(TraceContext.of(TRACEPARENT, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"))
                .contains(new TraceContext(TRACEPARENT, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
    }

    @Test
    void shouldReadTheContextBackFromTheKafkaHeadersItWasWrittenTo() {
        // given a context written to a record's headers
        RecordHeaders headers = new RecordHeaders();
        headers.add("other", "x".getBytes(StandardCharsets.UTF_8));
        new TraceContext(TRACEPARENT, "rojo=00f067aa0ba902b7").addTo(headers);

        // when it is read back, then it is the same
        assertThat(TraceContext.of(headers)).contains(new TraceContext(TRACEPARENT, "rojo=00f067aa0ba902b7"));
        assertThat(TraceContext.of(new RecordHeaders())).isEmpty();
    }
}
