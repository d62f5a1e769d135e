package io.hookline.deliverer.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Completes after a wait, without holding a thread: how a FIFO webhook's delivery waits in place. */
@FunctionalInterface
public interface Delayer {

    Delayer TIMER = wait -> CompletableFuture.runAsync(() -> { },
            CompletableFuture.delayedExecutor(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS));

    CompletionStage<Void> after(Duration wait);
}
