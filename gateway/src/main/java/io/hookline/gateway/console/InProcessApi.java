package io.hookline.gateway.console;

import io.hookline.gateway.deliverylog.DeliveryLogController;
import io.hookline.gateway.deliverylog.RedeliveryController;
import io.hookline.gateway.doc.DocController;
import io.hookline.gateway.event.EventController;
import io.hookline.gateway.execute.ExecuteController;
import io.hookline.gateway.execute.ExecutionController;
import io.hookline.gateway.user.UserController;
import io.hookline.gateway.webhook.WebhookActionsController;
import io.hookline.gateway.webhook.WebhookController;
import io.hookline.gateway.webhook.WebhookLifecycleController;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /v4} handlers, called in-process for the console as the exchange's signed-in caller, so
 * that the console and the API share one code path (validation, roles, teams, error messages). A
 * handler that reads a body gets the JSON the console built from its form; every answer is the API's
 * own JSON, the {@code data} of its envelope (and {@code nextCursor} for pages).
 */
final class InProcessApi {

    private final WebhookController webhooks;
    private final WebhookLifecycleController lifecycle;
    private final WebhookActionsController actions;
    private final DeliveryLogController logs;
    private final RedeliveryController redeliveries;
    private final EventController events;
    private final UserController users;
    private final DocController docs;
    private final ExecuteController execute;
    private final ExecutionController executions;
    private final JsonMapper mapper;

    InProcessApi(WebhookController webhooks, WebhookLifecycleController lifecycle, WebhookActionsController actions,
            DeliveryLogController logs, RedeliveryController redeliveries, EventController events, UserController users,
            DocController docs, ExecuteController execute, ExecutionController executions, JsonMapper mapper) {
        this.webhooks = webhooks;
        this.lifecycle = lifecycle;
        this.actions = actions;
        this.logs = logs;
        this.redeliveries = redeliveries;
        this.events = events;
        this.users = users;
        this.docs = docs;
        this.execute = execute;
        this.executions = executions;
        this.mapper = mapper;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** A page: {@code data} (the rows) and {@code nextCursor}. */
    Mono<JsonNode> webhooks(ServerWebExchange exchange, String status, String cursor) {
        return webhooks.list(exchange, status, null, cursor).map(this::tree);
    }

    Mono<JsonNode> webhook(ServerWebExchange exchange, String id) {
        return webhooks.get(exchange, id).map(this::data);
    }

    /** The created webhook, with its verification's outcome and (this once) its secret. */
    Mono<JsonNode> create(ServerWebExchange exchange, ObjectNode body) {
        return webhooks.create(withBody(exchange, body)).map(this::data);
    }

    Mono<JsonNode> patch(ServerWebExchange exchange, String id, ObjectNode body) {
        return lifecycle.patch(withBody(exchange, body), id).map(this::data);
    }

    Mono<JsonNode> disable(ServerWebExchange exchange, String id) {
        return lifecycle.disable(exchange, id).map(this::data);
    }

    Mono<JsonNode> enable(ServerWebExchange exchange, String id) {
        return lifecycle.enable(exchange, id).map(this::data);
    }

    Mono<Void> delete(ServerWebExchange exchange, String id) {
        return lifecycle.delete(exchange, id).then();
    }

    /** Retry Test. */
    Mono<JsonNode> verify(ServerWebExchange exchange, String id) {
        return actions.verify(exchange, id).map(this::data);
    }

    Mono<String> secret(ServerWebExchange exchange, String id) {
        return actions.secret(exchange, id).map(envelope -> envelope.data().secret());
    }

    Mono<String> rotate(ServerWebExchange exchange, String id) {
        return actions.rotate(exchange, id).map(envelope -> envelope.data().secret());
    }

    /** Send Test Event: the new delivery's id. */
    Mono<String> test(ServerWebExchange exchange, String id, String eventType) {
        return actions.test(withBody(exchange, object().put("eventType", eventType)), id)
                .map(response -> response.getBody().data().deliveryId());
    }

    /** A page of deliveries: {@code data} and {@code nextCursor}. */
    Mono<JsonNode> deliveries(ServerWebExchange exchange, String id, String status, String event, String from, String to, String cursor) {
        // the rows' type is the delivery-log package's own: the console reads their JSON
        Mono<?> page = logs.list(exchange, id, status, event, from, to, cursor, null);
        return page.map(this::tree);
    }

    Mono<JsonNode> delivery(ServerWebExchange exchange, String id, String deliveryId) {
        Mono<?> detail = logs.get(exchange, id, deliveryId);
        return detail.map(this::data);
    }

    /** Re-deliver: the attempt number queued. */
    Mono<Integer> redeliver(ServerWebExchange exchange, String id, String deliveryId) {
        return redeliveries.redeliver(exchange, id, deliveryId).map(response -> response.getBody().data().attempt());
    }

    /** Recover: re-delivers the failed and skipped deliveries of the window; how many were queued. */
    Mono<Integer> recover(ServerWebExchange exchange, String id, String since, String until) {
        ObjectNode body = object().put("since", since);
        if (until != null) {
            body.put("until", until);
        }
        // never a dry run: this body has no dryRun
        return redeliveries.recover(withBody(exchange, body), id)
                .map(response -> ((RedeliveryController.Recovered) response.getBody().data()).queued());
    }

    /** The catalog as the caller's team sees it (built-in and custom types). */
    Mono<JsonNode> eventTypes(ServerWebExchange exchange) {
        return events.types(exchange).map(page -> tree(page).path("data"));
    }

    /** A custom event type, as registered. */
    Mono<JsonNode> registerEventType(ServerWebExchange exchange, ObjectNode body) {
        return events.register(withBody(exchange, body)).map(this::data);
    }

    /** The team's users (never their keys). */
    Mono<JsonNode> users(ServerWebExchange exchange) {
        Mono<?> page = users.list(exchange);
        return page.map(this::data);
    }

    /** A new user, with their API key (this once). */
    Mono<JsonNode> createUser(ServerWebExchange exchange, String email, String role) {
        Mono<?> created = users.create(withBody(exchange, object().put("email", email).put("role", role)));
        return created.map(this::data);
    }

    /** The user with a new key (this once). */
    Mono<JsonNode> rotateKey(ServerWebExchange exchange, String userId) {
        Mono<?> rotated = users.rotate(exchange, userId);
        return rotated.map(this::data);
    }

    Mono<Void> revokeKey(ServerWebExchange exchange, String userId) {
        return users.revoke(exchange, userId).then();
    }

    /** A new doc: {@code {"name", "datasets": [{"key", "code", "timeoutMs"?}]}}. */
    Mono<JsonNode> createDoc(ServerWebExchange exchange, ObjectNode body) {
        return docs.create(withBody(exchange, body)).map(this::data);
    }

    Mono<JsonNode> doc(ServerWebExchange exchange, String id) {
        return docs.get(exchange, id).map(this::data);
    }

    Mono<JsonNode> replaceDoc(ServerWebExchange exchange, String id, ObjectNode body) {
        return docs.replace(withBody(exchange, body), id).map(this::data);
    }

    /** Runs the doc's datasets: {@code docId} and {@code results}, one per dataset. */
    Mono<JsonNode> execute(ServerWebExchange exchange, String id, ObjectNode body) {
        return execute.execute(withBody(exchange, body), id).map(this::data);
    }

    Mono<JsonNode> execution(ServerWebExchange exchange, String executionId) {
        return executions.get(exchange, executionId).map(this::data);
    }

    private JsonNode data(Object envelopeOrResponse) {
        return tree(envelopeOrResponse).path("data");
    }

    private JsonNode tree(Object envelopeOrResponse) {
        Object body = envelopeOrResponse instanceof HttpEntity<?> entity ? entity.getBody() : envelopeOrResponse;
        return mapper.valueToTree(body);
    }

    /** The exchange (same attributes, so the same caller) with this JSON as its request body. */
    private ServerWebExchange withBody(ServerWebExchange exchange, JsonNode body) {
        byte[] json = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ServerHttpRequest headers = exchange.getRequest().mutate().headers(h -> {
            h.setContentType(MediaType.APPLICATION_JSON);
            h.setContentLength(json.length);
        }).build();
        ServerHttpRequest request = new ServerHttpRequestDecorator(headers) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(json));
            }
        };
        return exchange.mutate().request(request).build();
    }
}
