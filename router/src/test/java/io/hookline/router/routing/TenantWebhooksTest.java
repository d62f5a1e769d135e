package io.hookline.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class TenantWebhooksTest {

    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void shouldReadATenantOnceUntilInvalidated() {
        TenantWebhooks cache = new TenantWebhooks(100);

        cache.of("t1", load(3));
        cache.of("t1", load(3));
        assertThat(loads).hasValue(1);

        cache.invalidate("t1");
        assertThat(cache.of("t1", load(2))).hasSize(2);
        assertThat(loads).hasValue(2);
        assertThat(cache.cachedWebhooks()).isEqualTo(2);
    }

    @Test
    void shouldDropTheLeastRecentlyUsedTenantsBeyondTheLimit() {
        TenantWebhooks cache = new TenantWebhooks(10);
        cache.of("old", load(4));
        cache.of("used", load(4));
        cache.of("old", load(4)); // now "used" is the least recently used

        cache.of("new", load(4));

        assertThat(cache.cachedWebhooks()).isEqualTo(8);
        int before = loads.get();
        cache.of("old", load(4));
        cache.of("new", load(4));
        assertThat(loads).hasValue(before);
        cache.of("used", load(4));
        assertThat(loads).hasValue(before + 1);
    }

    @Test
    void shouldNotCacheATenantLargerThanTheLimit() {
        TenantWebhooks cache = new TenantWebhooks(10);

        assertThat(cache.of("big", load(11))).hasSize(11);
        cache.of("big", load(11));

        assertThat(loads).hasValue(2);
        assertThat(cache.cachedWebhooks()).isZero();
    }

    @Test
    void shouldGiveATasksProcessorsOneCacheAndANewOneAfterRelease() {
        TenantWebhooks.PerTask perTask = new TenantWebhooks.PerTask(10);
        TenantWebhooks first = perTask.of(new TaskId(0, 1));

        assertThat(perTask.of(new TaskId(0, 1))).isSameAs(first);
        assertThat(perTask.of(new TaskId(0, 2))).isNotSameAs(first);
        perTask.release(new TaskId(0, 1), first);
        TenantWebhooks second = perTask.of(new TaskId(0, 1));
        assertThat(second).isNotSameAs(first);
        perTask.release(new TaskId(0, 1), first); // a late close of the earlier processors
        assertThat(perTask.of(new TaskId(0, 1))).isSameAs(second);
    }

    private Function<String, List<TenantWebhooks.Entry>> load(int count) {
        return tenant -> {
            loads.incrementAndGet();
            List<TenantWebhooks.Entry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                entries.add(new TenantWebhooks.Entry("wh_" + i, null)); // the cache never looks inside
            }
            return entries;
        };
    }
}
