package io.hookline.gateway.table;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.PageLimit;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write-back API datasets use: {@code POST /v4/tables/{table}/rows} {@code {"rows": [...]}}
 * appends to one of the caller's team's tables (on the table-rows topic) within the team's quota
 * ({@code 413} for one write too large, {@code 429} with {@code Retry-After} once it is used up);
 * {@code GET /v4/tables/{table}/rows?limit&cursor} reads it back from the team's DuckDB file a page
 * at a time, oldest first, within the team's read quota ({@code 429}); {@code GET /v4/tables} lists
 * the team's tables with their row counts. Any role.
 */
@RestController
public class TableController {

    static final int MAX_ROWS = 10_000;
    static final int DEFAULT_PAGE = 1_000;
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Duration POLL = Duration.ofMillis(10);

    private final TableRowsView view;
    private final TableStore store;
    private final GatewayPublisher publisher;
    private final JsonBodyReader bodies;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration writeTimeout;
    private final TableQuota reads;
    private final long maxReadRows;

    TableController(TableRowsView view, TableStore store, GatewayPublisher publisher, JsonBodyReader bodies, JsonMapper mapper, Clock clock,
            Duration writeTimeout, GatewayProperties.Tables limits) {
        this.view = view;
        this.store = store;
        this.publisher = publisher;
        this.bodies = bodies;
        this.mapper = mapper;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
        this.reads = new TableQuota("read", limits.readQuotaRows(), limits.readQuotaBytes().toBytes(), limits.readQuotaWindow(),
                limits.readQuotaRows(), limits.readQuotaBytes().toBytes(), clock);
        this.maxReadRows = limits.readQuotaRows();
    }

    /** The answer to a write. */
    public record Written(String table, int rowsWritten) {
    }

    /**
     * A page of a table's rows, oldest first; {@code truncated} when more follow, from {@code nextCursor}.
     * {@code droppedUpTo} is always null now that every row is kept (it was set when a memory bound dropped rows).
     */
    public record Rows(String table, List<JsonNode> rows, boolean truncated, Instant droppedUpTo, String nextCursor) {
    }

    /** A table of the team and how many rows it has. */
    public record TableInfo(String name, long rows) {
    }

    /** The team's tables. */
    public record Tables(List<TableInfo> tables) {
    }

    @PostMapping("/v4/tables/{table}/rows")
    public Mono<ResponseEntity<Envelope.Success<Written>>> write(ServerWebExchange exchange, @PathVariable String table) {
        Caller caller = Caller.of(exchange);
        checkTable(table);
        return bodies.read(exchange).map(TableController::rows).flatMap(rows -> {
            String json = mapper.writeValueAsString(rows);
            TableQuota.Admitted admitted = admit(caller.teamId(), rows.size(), TableRowsView.bytes(json));
            TableRows batch = new TableRows(caller.teamId(), table, json, clock.instant(), null);
            return publisher.send(Topics.TABLE_ROWS, null, TableRowsView.key(caller.teamId(), table), batch)
                    .flatMap(this::visible)
                    .doFinally(signal -> admitted.release().run())
                    .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(new Written(table, rows.size()))));
        });
    }

    /** The team's read quota, which SQL answers count towards too. */
    TableQuota reads() {
        return reads;
    }

    private TableQuota.Admitted admit(String teamId, int rows, long bytes) {
        return check(view.quota().admit(teamId, rows, bytes));
    }

    /** The admission, or the error that says why not. */
    static TableQuota.Admitted check(TableQuota.Admission admission) {
        // Java 17 has no pattern switch: the three outcomes one by one
        if (admission instanceof TableQuota.TooLarge tooLarge) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.reason());
        }
        if (admission instanceof TableQuota.Exhausted exhausted) {
            throw ApiException.quotaExceeded(exhausted.reason(), exhausted.retryAfter());
        }
        return (TableQuota.Admitted) admission;
    }

    @GetMapping("/v4/tables/{table}/rows")
    public Mono<Envelope.Success<Rows>> read(ServerWebExchange exchange, @PathVariable String table,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        Caller caller = Caller.of(exchange);
        checkTable(table);
        Problems problems = new Problems();
        int pageSize = (int) Math.min(PageLimit.parse(limit, problems, DEFAULT_PAGE, MAX_ROWS), maxReadRows);
        problems.throwIfAny();
        long after = cursor(cursor);
        return Mono.fromCallable(() -> {
            TableStore.Page page = store.page(caller.teamId(), table, after, pageSize);
            check(reads.take(caller.teamId(), page.rowsJson().size(), page.bytes()));
            List<JsonNode> rows = new ArrayList<>();
            for (String row : page.rowsJson()) {
                rows.add(mapper.readTree(row));
            }
            return Envelope.of(new Rows(table, rows, page.nextCursor() != null, null, page.nextCursor()));
        }).subscribeOn(Schedulers.boundedElastic()); // DuckDB blocks: not on an event loop
    }

    @GetMapping("/v4/tables")
    public Mono<Envelope.Success<Tables>> tables(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(() -> Envelope.of(new Tables(store.tables(caller.teamId()).entrySet().stream()
                .map(table -> new TableInfo(table.getKey(), table.getValue())).toList())))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static long cursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("cursor", "is not a cursor returned by this API");
    }

    private Mono<Void> visible(RecordMetadata metadata) {
        return Mono.fromCallable(() -> view.reached(metadata.partition(), metadata.offset()))
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(repeats -> repeats.delayElements(POLL))
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("table rows view did not show the write in time")))
                .then();
    }

    static void checkTable(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw ApiException.validation("table", "must start with a letter and have at most 64 letters, digits or '_'");
        }
    }

    private static List<JsonNode> rows(JsonNode body) {
        Problems problems = new Problems();
        JsonNode rows = body.isObject() ? body.get("rows") : null;
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            problems.add("rows", "is required: a non-empty array of JSON objects");
        } else if (rows.size() > MAX_ROWS) {
            problems.add("rows", "must have at most " + MAX_ROWS + " rows");
        } else {
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).isObject()) {
                    problems.add("rows[" + i + "]", "must be a JSON object");
                }
            }
        }
        problems.throwIfAny();
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }
}
