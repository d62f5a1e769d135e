package io.hookline.executor.sandbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One warm sandbox: its process and the two ends of the zygote's protocol (see {@code zygote.py}). A
 * request is one JSON line; its answer is frames of raw output ({@code O}, {@code E}, {@code X} for the
 * Python error line, each {@code <tag> <length>\n} and the bytes) closed by {@code R <json>\n}.
 */
final class Zygote {

    private static final int MAX_HEADER = 1024;
    private static final int MAX_FRAME = 64 * 1024;
    private static final int MAX_ERROR_CHARS = 4000;

    final Process process;
    private final OutputStream in;
    private final InputStream out;
    private final ExecutorService ioThreads;
    private final long cap;
    private final JsonMapper json;

    Zygote(Process process, ExecutorService ioThreads, long cap, JsonMapper json) {
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.ioThreads = ioThreads;
        this.cap = cap;
        this.json = json;
    }

    /** The zygote's first line ({@code {"ready": true}}), or null when it ended first. */
    String awaitReady(long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        return within(ioThreads.submit(this::header), timeoutMs);
    }

    SandboxRun run(byte[] request, long backstopMs) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        in.write(request);
        in.flush();
        return within(ioThreads.submit(this::result), backstopMs);
    }

    private static <T> T within(Future<T> task, long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return task.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        }
    }

    private SandboxRun result() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ByteArrayOutputStream error = new ByteArrayOutputStream();
        while (true) {
            String header = header();
            if (header == null) {
                throw new IOException("the zygote closed its output");
            }
            if (header.startsWith("R ")) {
                JsonNode result = json.readTree(header.substring(2));
                JsonNode exitCode = result.get("exitCode");
                return new SandboxRun(exitCode == null || exitCode.isNull() ? null : exitCode.asInt(), utf8(stdout), utf8(stderr),
                        SandboxRun.Ending.valueOf(result.get("ending").stringValue()), errorLine(error), result.get("durationMs").asLong());
            }
            ByteArrayOutputStream target = switch (header.isEmpty() ? ' ' : header.charAt(0)) {
                case 'O' -> stdout;
                case 'E' -> stderr;
                case 'X' -> error;
                default -> throw new IOException("unexpected frame from the zygote: " + header);
            };
            int length = Integer.parseInt(header.substring(2));
            if (length < 0 || length > MAX_FRAME || target.size() + (long) length > cap + MAX_FRAME) {
                throw new IOException("the zygote sent a frame out of bounds: " + header);
            }
            byte[] bytes = out.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("the zygote closed its output inside a frame");
            }
            target.write(bytes);
        }
    }

    /** One ASCII line without its newline, or null at the end of the stream. */
    private String header() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = out.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_HEADER) {
                throw new IOException("the zygote sent an overlong line");
            }
            line.append((char) c);
        }
        return c == -1 && line.isEmpty() ? null : line.toString();
    }

    private static String utf8(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String errorLine(ByteArrayOutputStream bytes) {
        String text = utf8(bytes).strip();
        return text.isEmpty() ? null : text.substring(0, Math.min(text.length(), MAX_ERROR_CHARS));
    }
}
