package io.hookline.executor.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a run, keeping at most {@code cap} bytes. Going over the cap calls
 * {@code onOverflow} once (the run is killed: endless output must not cost memory or time) and
 * keeps draining whatever is left so the writer never blocks on a full pipe.
 */
final class CappedOutput implements Runnable {

    private final InputStream in;
    private final int cap;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    CappedOutput(InputStream in, int cap, Runnable onOverflow) {
        this.in = in;
        this.cap = cap;
        this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = cap - kept.size();
                synchronized (kept) {
                    kept.write(buffer, 0, Math.min(room, n));
                }
                if (n > room && !overflowed) {
                    overflowed = true;
                    onOverflow.run();
                }
            }
        } catch (IOException e) {
            // the stream was closed under us after a kill: what we kept is what there is
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    /** What was kept, as UTF-8 (a multi-byte character cut by the cap becomes a replacement character). */
    String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
