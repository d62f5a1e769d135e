package io.hookline.gateway.audit;

import io.hookline.gateway.auth.Caller;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.PageLimit;
import io.hookline.gateway.web.Problems;
import io.hookline.gateway.web.QueryTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /v4/audit-log}: the caller's team's audit entries, newest first, for owners only. */
@RestController
public class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String CURSOR_PREFIX = "audit:";

    private final AuditReader reader;
    private final JsonMapper mapper;

    AuditController(AuditReader reader, JsonMapper mapper) {
        this.reader = reader;
        this.mapper = mapper;
    }

    @GetMapping("/v4/audit-log")
    public Mono<Envelope.Page<AuditEntryJson>> list(ServerWebExchange exchange, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String resource, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        Caller caller = Caller.of(exchange);
        if (caller.role() != Role.OWNER) {
            // who changed what, secrets' reveals included, is the owner's to read (API.md, role matrix)
            throw new ApiException(ErrorCode.FORBIDDEN, "The audit log is for owners; your role is " + caller.role().wire() + ".");
        }
        Problems problems = new Problems();
        Optional<Instant> since = QueryTime.parse("from", from, problems);
        Optional<Instant> until = QueryTime.parse("to", to, problems);
        int size = PageLimit.parse(limit, problems, DEFAULT_LIMIT, MAX_LIMIT);
        OptionalLong before = cursor(cursor, problems);
        problems.throwIfAny();
        AuditQuery query = new AuditQuery(since, until, blankless(actor), blankless(resource), size, before);
        return Mono.fromCallable(() -> reader.read(caller.teamId(), query))
                .subscribeOn(Schedulers.boundedElastic())
                .map(page -> Envelope.page(page.entries().stream().map(e -> AuditEntryJson.from(e, mapper)).toList(),
                        page.next().isPresent() ? encode(page.next().getAsLong()) : null));
    }

    private static Optional<String> blankless(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    static String encode(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static OptionalLong cursor(String text, Problems problems) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (plain.startsWith(CURSOR_PREFIX)) {
                long offset = Long.parseLong(plain.substring(CURSOR_PREFIX.length()));
                if (offset >= 0) {
                    return OptionalLong.of(offset);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        problems.add("cursor", "is not a cursor returned by this API");
        return OptionalLong.empty();
    }
}
