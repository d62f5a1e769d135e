package io.hookline.gateway.table;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v4/sql} {@code {"query", "params"?}}: one read-only SELECT over the caller's team's
 * tables ({@link SqlQueries}), answered as {@code {"columns", "rows", "truncated"}}; a query that
 * is refused, fails or runs too long is a {@code 422} with DuckDB's message. Counted in the team's
 * read quota like table reads. Any role, or a dataset's key.
 */
@RestController
public class SqlController {

    private static final int MAX_QUERY = 100_000;
    private static final int MAX_PARAMS = 100;

    private final TableStore store;
    private final SqlQueries queries;
    private final TableQuota reads;
    private final JsonBodyReader bodies;

    SqlController(TableStore store, SqlQueries queries, TableQuota reads, JsonBodyReader bodies) {
        this.store = store;
        this.queries = queries;
        this.reads = reads;
        this.bodies = bodies;
    }

    /** An answer: columns with their DuckDB types, rows as arrays in column order. */
    public record Result(List<SqlQueries.Column> columns, List<? extends JsonNode> rows, boolean truncated) {
    }

    @PostMapping("/v4/sql")
    public Mono<Envelope.Success<Result>> query(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return bodies.read(exchange).flatMap(body -> {
            String sql = query(body);
            List<JsonNode> params = params(body);
            return Mono.fromCallable(() -> answer(caller.teamId(), sql, params)).subscribeOn(Schedulers.boundedElastic());
        });
    }

    private Envelope.Success<Result> answer(String teamId, String sql, List<JsonNode> params) throws Exception {
        TeamDatabase database = store.existing(teamId);
        if (database == null) {
            // a team that never wrote has no database: the same answer as a query on an empty one would give
            throw ApiException.validation("query", "Your team has no tables yet: write rows with POST /v4/tables/{table}/rows first.");
        }
        SqlQueries.Outcome outcome = queries.run(teamId, database, sql, params);
        // Java 17 has no pattern switch: the outcomes one by one
        if (outcome instanceof SqlQueries.Refused refused) {
            throw ApiException.validation("query", refused.reason());
        }
        if (outcome instanceof SqlQueries.Busy busy) {
            throw ApiException.quotaExceeded("Your team runs " + busy.running() + " queries already; retry when one has finished.",
                    Duration.ofSeconds(1));
        }
        SqlQueries.Answer answer = (SqlQueries.Answer) outcome;
        TableController.check(reads.take(teamId, answer.rows().size(), answer.bytes()));
        return Envelope.of(new Result(answer.columns(), answer.rows(), answer.truncated()));
    }

    private static String query(JsonNode body) {
        JsonNode query = body.isObject() ? body.get("query") : null;
        if (query == null || !query.isString() || query.stringValue().isBlank()) {
            throw ApiException.validation("query", "is required: one SELECT statement");
        }
        if (query.stringValue().length() > MAX_QUERY) {
            throw ApiException.validation("query", "must have at most " + MAX_QUERY + " characters");
        }
        return query.stringValue();
    }

    private static List<JsonNode> params(JsonNode body) {
        JsonNode params = body.get("params");
        if (params == null || params.isNull()) {
            return List.of();
        }
        Problems problems = new Problems();
        if (!params.isArray() || params.size() > MAX_PARAMS) {
            problems.add("params", "must be an array of at most " + MAX_PARAMS + " values for the query's ? placeholders, in order");
        } else {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).isContainer()) {
                    problems.add("params[" + i + "]", "must be a string, number, boolean or null");
                }
            }
        }
        problems.throwIfAny();
        List<JsonNode> list = new ArrayList<>();
        params.forEach(list::add);
        return list;
    }
}
