package io.hookline.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A request's id is the client's when it is a plain token, and a fresh one otherwise. */
class RequestIdsTest {

    @Test
    void shouldKeepAClientsPlainRequestId() {
        assertThat(RequestIds.accepted("checkout-7f3e9a1c")).isEqualTo("checkout-7f3e9a1c");
    }

    @Test
    void shouldReplaceARequestIdThatCouldForgeALogLine() {
        // when a client sends a line break, spaces or far too much
        String forged = RequestIds.accepted("abc\r\nAUDIT ENTRY NOT WRITTEN");
        String long_ = RequestIds.accepted("x".repeat(129));
        String absent = RequestIds.accepted(null);

        // then each gets an id of ours, and no two the same
        assertThat(forged).startsWith("req_").hasSize(28);
        assertThat(long_).startsWith("req_");
        assertThat(absent).startsWith("req_").isNotEqualTo(forged);
    }
}
