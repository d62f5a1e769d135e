package io.hookline.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void shouldMaskEveryOccurrenceOfEachValue() {
        Redactor redactor = new Redactor(List.of("s3cr3t-token", "hunter22"));

        assertThat(redactor.redact("token=s3cr3t-token pw=hunter22 again s3cr3t-token"))
                .isEqualTo("token=[REDACTED] pw=[REDACTED] again [REDACTED]");
    }

    @Test
    void shouldMaskTheLongerValueWholeWhenOneContainsAnother() {
        Redactor redactor = new Redactor(List.of("abcd", "abcdefgh"));

        assertThat(redactor.redact("x abcdefgh y")).isEqualTo("x [REDACTED] y");
    }

    @Test
    void shouldLeaveVeryShortValuesAlone() {
        Redactor redactor = new Redactor(List.of("1", "on"));

        assertThat(redactor.redact("DEBUG=1 on")).isEqualTo("DEBUG=1 on");
    }

    @Test
    void shouldPassNullThrough() {
        assertThat(new Redactor(List.of("secret")).redact(null)).isNull();
    }
}
