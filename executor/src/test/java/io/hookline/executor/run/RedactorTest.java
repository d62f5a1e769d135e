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
    void shouldMaskAValueAsJsonEscapesIt() {
        Redactor redactor = new Redactor(List.of("pa\"ss\\word", "p\u00e4ssw\u00f6rt-42", "emoji-\uD83D\uDE00-key"));

        // json.dumps(...) of each, with the default ensure_ascii and without
        assertThat(redactor.redact("{\"a\": \"pa\\\"ss\\\\word\", \"b\": \"p\\u00e4ssw\\u00f6rt-42\", \"c\": \"emoji-\\ud83d\\ude00-key\"}"))
                .isEqualTo("{\"a\": \"[REDACTED]\", \"b\": \"[REDACTED]\", \"c\": \"[REDACTED]\"}");
        assertThat(redactor.redact("\"emoji-\uD83D\uDE00-key\" \"p\u00e4ssw\u00f6rt-42\"")).isEqualTo("\"[REDACTED]\" \"[REDACTED]\"");
    }

    @Test
    void shouldMaskAValueAsPythonsReprEscapesIt() {
        Redactor redactor = new Redactor(List.of("line1\nline2", "a'b\"c-secret", "zero\u200bwidth", "p\u00e4ssw\u00f6rt-42"));

        // print({...}) and print(value.encode()) as Python 3.11 writes them
        assertThat(redactor.redact("{'x': 'line1\\nline2', 'y': 'a\\'b\"c-secret', 'z': 'zero\\u200bwidth'}"))
                .isEqualTo("{'x': '[REDACTED]', 'y': '[REDACTED]', 'z': '[REDACTED]'}");
        assertThat(redactor.redact("b'p\\xc3\\xa4ssw\\xc3\\xb6rt-42'")).isEqualTo("b'[REDACTED]'");
    }

    @Test
    void shouldMaskAValueCutByTheOutputCapAtTheEndOfTheText() {
        Redactor redactor = new Redactor(List.of("s3cr3t-token-value"));

        assertThat(redactor.redact("token=s3cr3t-tok")).isEqualTo("token=[REDACTED]");
        assertThat(redactor.redact("token=s3cr3t-token-valu")).isEqualTo("token=[REDACTED]");
    }

    @Test
    void shouldMaskAValueCutInsideAMultiByteCharacter() {
        Redactor redactor = new Redactor(List.of("geheimnis-\u00f6-wert"));

        // the cap cut the two bytes of the o-umlaut after the first: it decodes as one replacement character
        assertThat(redactor.redact("key=geheimnis-\uFFFD")).isEqualTo("key=[REDACTED]\uFFFD");
    }

    @Test
    void shouldLeaveAShortPrefixOrAPrefixBeforeTheEndAlone() {
        Redactor redactor = new Redactor(List.of("s3cr3t-token-value"));

        assertThat(redactor.redact("token=s3cr3t-")).as("7 characters").isEqualTo("token=s3cr3t-");
        assertThat(redactor.redact("s3cr3t-tok and more")).isEqualTo("s3cr3t-tok and more");
    }

    @Test
    void shouldPassNullThrough() {
        assertThat(new Redactor(List.of("secret")).redact(null)).isNull();
    }
}
