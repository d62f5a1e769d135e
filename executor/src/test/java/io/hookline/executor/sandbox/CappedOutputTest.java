package io.hookline.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

    @Test
    void shouldKeepEverythingUnderTheCap() {
        AtomicInteger overflows = new AtomicInteger();
        CappedOutput output = new CappedOutput(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 1024,
                overflows::incrementAndGet);

        output.run();

        assertThat(output.text()).isEqualTo("hello");
        assertThat(output.overflowed()).isFalse();
        assertThat(overflows).hasValue(0);
    }

    @Test
    void shouldKeepExactlyTheCapAndSignalOverflowOnce() {
        AtomicInteger overflows = new AtomicInteger();
        byte[] big = new byte[100_000];
        java.util.Arrays.fill(big, (byte) 'x');
        CappedOutput output = new CappedOutput(new ByteArrayInputStream(big), 4096, overflows::incrementAndGet);

        output.run();

        assertThat(output.text()).hasSize(4096);
        assertThat(output.overflowed()).isTrue();
        assertThat(overflows).hasValue(1);
    }
}
