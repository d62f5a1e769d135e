package io.hookline.standalone.faults;

import io.hookline.schemas.Ids;
import io.hookline.standalone.HooklineClient;
import io.hookline.testsupport.TestReceiver;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The fault test's load, sent by a client that spreads its requests over both gateways and retries an
 * event batch on the other gateway when one fails retriably (503, or a connection the kill cut), with the
 * same event ids, as a producer should. Ten event types of five webhooks each: one type's webhooks are
 * FIFO, two types' have an exponential retry policy (one of those endpoints fails for a while), the rest
 * make one attempt. One poster sends events in sequence order ({@code data.seq}), so the order a FIFO
 * webhook must keep is the order of the sequence numbers. Alongside, execute requests to a trivial doc.
 */
final class FaultLoad {

    static final String PREFIX = "fault.";
    static final int TYPES = 10;
    static final int PER_TYPE = 5;
    private static final int BATCH = 10;

    /** One webhook of the load. */
    record Hook(String id, String path, int type, boolean fifo, boolean retries) {
    }

    /** What one execute request got: {@code status} 200 or 503, or -1 when the connection failed (the gateway died). */
    record ExecuteOutcome(int gateway, int status, List<String> executionIds, Instant sentAt, String problem) {
    }

    private final List<HooklineClient> gateways;
    private final TestReceiver receiver;
    private final List<Hook> hooks = new ArrayList<>();
    private final Map<Long, Instant> acceptedAt = new ConcurrentHashMap<>();
    private final Map<Long, String> eventIds = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final List<ExecuteOutcome> executions = new CopyOnWriteArrayList<>();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong retriedBatches = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final String run = Ids.random("").substring(0, 8);
    private String docId;
    private String flakyPath;

    FaultLoad(List<String> gatewayUrls, String key, TestReceiver receiver) {
        this.gateways = gatewayUrls.stream().map(url -> new HooklineClient(url, key)).toList();
        this.receiver = receiver;
    }

    /** The event types, the 50 webhooks (created through both gateways in turn) and the doc. */
    void setUp() {
        for (int t = 0; t < TYPES; t++) {
            expect(gateways.get(0).post("/v4/event-types", """
                    {"type": "%s", "description": "Fault test load, type %d.",
                     "schema": {"type": "object", "properties": {"seq": {"type": "integer"}}, "required": ["seq"]}}
                    """.formatted(type(t), t)), 201, "event type");
        }
        for (int t = 0; t < TYPES; t++) {
            for (int w = 0; w < PER_TYPE; w++) {
                boolean fifo = t == 0;
                boolean retries = t == 1 || t == 2;
                String path = "/faults/" + run + "/" + t + "/" + w;
                String retryPolicy = retries ? "{\"mode\": \"exponential\", \"schedule\": [\"1s\", \"2s\", \"4s\", \"8s\", \"16s\", \"32s\"]}"
                        : "{\"mode\": \"none\"}";
                HooklineClient.Response created = gateways.get(hooks.size() % 2).post("/v4/webhooks", """
                        {"url": "%s", "events": ["%s"], "retryPolicy": %s, "ordering": "%s"}
                        """.formatted(receiver.url(path), type(t), retryPolicy, fifo ? "fifo" : "concurrent"));
                expect(created, 201, "webhook");
                if (!created.data().path("status").asString().equals("active")) {
                    throw new AssertionError("webhook not verified: " + created.body());
                }
                hooks.add(new Hook(created.data().path("id").asString(), path, t, fifo, retries));
            }
        }
        flakyPath = hooks.stream().filter(Hook::retries).findFirst().orElseThrow().path();
        HooklineClient.Response doc = gateways.get(1).post("/v4/docs",
                "{\"name\": \"fault test\", \"datasets\": [{\"key\": \"echo\", \"code\": \"import json, os\\nprint(json.load(open(os.environ['WEBHOOK_DATA_FILE']))['n'])\", \"timeoutMs\": 30000}]}");
        expect(doc, 201, "doc");
        docId = doc.data().path("id").asString();
    }

    /** Posts events at about {@code perSecond} until {@link #stop}, each batch until one gateway accepted it. */
    Thread startEvents(int perSecond) {
        return started("fault-events", () -> {
            long batchNanos = Duration.ofSeconds(1).toNanos() * BATCH / perSecond;
            long next = System.nanoTime();
            int gateway = 0;
            while (!stop.get()) {
                gateway = postBatch(gateway);
                next += batchNanos;
                LockSupport.parkNanos(next - System.nanoTime()); // paces the load; not a synchronization
            }
        });
    }

    /** Posts about {@code events} events as fast as the gateways take them; returns the first sequence number after them. */
    long postBurst(int events) {
        long end = nextSeq.get() + events;
        int gateway = 0;
        while (nextSeq.get() < end) {
            gateway = postBatch(gateway);
        }
        return nextSeq.get();
    }

    /** Posts one batch of new events, on the other gateway after a retriable failure; returns the gateway to use next. */
    private int postBatch(int gateway) {
        List<Long> seqs = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            long seq = nextSeq.getAndIncrement();
            seqs.add(seq);
            String id = "evt_" + run + "_" + seq;
            eventIds.put(seq, id);
            body.append(i == 0 ? "" : ",").append("{\"id\": \"").append(id).append("\", \"type\": \"")
                    .append(type((int) (seq % TYPES))).append("\", \"data\": {\"seq\": ").append(seq).append("}}");
        }
        body.append("]");
        while (true) {
            Outcome outcome = send(gateway, "/v4/events", body.toString());
            gateway = 1 - gateway;
            if (outcome.status() == 202) {
                Instant now = Instant.now();
                seqs.forEach(seq -> acceptedAt.put(seq, now));
                return gateway;
            }
            if (!outcome.retriable()) {
                unexpected.add("events: " + outcome.problem());
                return gateway;
            }
            retriedBatches.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // a producer's back-off before it retries
        }
    }

    /** Sends an execute request every {@code every}, to the two gateways in turn, until {@link #stop}. */
    Thread startExecutes(Duration every) {
        return started("fault-executes", () -> {
            int n = 0;
            while (!stop.get()) {
                int gateway = n % 2;
                Instant sent = Instant.now();
                Outcome outcome = send(gateway, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {\"n\": " + n + "}}");
                List<String> ids = new ArrayList<>();
                if (outcome.status() == 200) {
                    outcome.body().path("data").path("results").forEach(r -> ids.add(r.path("executionId").asString()));
                }
                executions.add(new ExecuteOutcome(gateway + 1, outcome.status(), ids, sent, outcome.problem()));
                n++;
                LockSupport.parkNanos(every.toNanos()); // paces the load; not a synchronization
            }
        });
    }

    void stop() {
        stop.set(true);
    }

    static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private record Outcome(int status, JsonNode body, String problem) {

        boolean retriable() {
            return status == 503 || status == -1;
        }
    }

    private Outcome send(int gateway, String path, String json) {
        try {
            HooklineClient.Response response = gateways.get(gateway).post(path, json);
            return new Outcome(response.status(), response.body(), response.status() / 100 == 2 ? null
                    : "gateway-" + (gateway + 1) + " answered " + response.status() + " " + response.body());
        } catch (UncheckedIOException e) {
            return new Outcome(-1, null, "gateway-" + (gateway + 1) + ": " + e.getCause());
        } catch (AssertionError e) {
            // the client's contract check: an answer the OpenAPI document does not allow
            unexpected.add(path + ": " + e.getMessage());
            return new Outcome(-2, null, e.getMessage());
        }
    }

    private static void expect(HooklineClient.Response response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + response.status() + " " + response.body());
        }
    }

    static String type(int t) {
        return PREFIX + "t" + t;
    }

    List<Hook> hooks() {
        return hooks;
    }

    Hook hook(String webhookId) {
        return hooks.stream().filter(h -> h.id().equals(webhookId)).findFirst().orElseThrow();
    }

    String flakyPath() {
        return flakyPath;
    }

    /** The accepted events' sequence numbers and when they were accepted. */
    Map<Long, Instant> acceptedAt() {
        return acceptedAt;
    }

    String eventId(long seq) {
        return eventIds.get(seq);
    }

    long nextSeq() {
        return nextSeq.get();
    }

    long retriedBatches() {
        return retriedBatches.get();
    }

    List<String> unexpected() {
        return unexpected;
    }

    List<ExecuteOutcome> executions() {
        return executions;
    }
}
