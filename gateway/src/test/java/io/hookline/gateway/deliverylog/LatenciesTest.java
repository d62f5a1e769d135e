package io.hookline.gateway.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

public class LatenciesTest {

    /** A histogram of these durations (ms); for the console's tests too. */
    public static Latencies of(long... millis) {
        Latencies latencies = Latencies.empty();
        for (long m : millis) {
            latencies.add(m);
        }
        return latencies;
    }

    @Test
    void shouldPutEveryDurationInTheBucketOfItsQuarterOfADoubling() {
        assertThat(Latencies.bucket(0)).isZero();
        assertThat(Latencies.bucket(1)).isEqualTo(1);
        assertThat(Latencies.bucket(8)).isEqualTo(13);  // [8, 10)
        assertThat(Latencies.bucket(12)).isEqualTo(15); // [12, 14)
        assertThat(Latencies.bucket(13)).isEqualTo(15);
        assertThat(Latencies.bucket(14)).isEqualTo(16);
        assertThat(Latencies.bucket(Long.MAX_VALUE)).isEqualTo(Latencies.BUCKETS - 1);
        for (long m = 1; m < 70_000; m++) {
            assertThat(Latencies.bucket(m)).as("%d ms", m).isGreaterThanOrEqualTo(Latencies.bucket(m - 1));
        }
    }

    @Test
    void shouldReadPercentilesWithinAnEighthOfTheExactFigure() {
        SplittableRandom random = new SplittableRandom(7);
        long[] millis = LongStream.generate(() -> 1 + (long) Math.exp(random.nextDouble() * 10)).limit(10_000).toArray();
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        Latencies latencies = of(millis);
        for (int p : new int[] {50, 90, 95, 99}) {
            long exact = sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
            assertThat((double) latencies.percentile(p).getAsLong()).as("p%d", p).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(13));
        }
        assertThat(latencies.count()).isEqualTo(10_000);
    }

    @Test
    void shouldAddHoursAndSurviveTheIndexsBytesAndReadAnOlderValueAsEmpty() {
        Latencies sum = of(5, 5).plus(of(200));
        ByteBuffer bytes = ByteBuffer.allocate(Latencies.BYTES);
        sum.write(bytes);
        Latencies read = Latencies.read(bytes.flip());
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.percentile(50)).hasValue(6); // the middle of [5, 6)
        assertThat(read.percentile(100)).hasValue(208);
        assertThat(Latencies.read(ByteBuffer.allocate(0)).percentile(50)).isEmpty();
    }
}
