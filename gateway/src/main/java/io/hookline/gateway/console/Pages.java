package io.hookline.gateway.console;

import io.hookline.gateway.auth.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every signed-in page gets: who is signed in, whether they may change anything (a member's
 * pages have no such controls), the CSRF token for its forms and the message the last action left.
 */
final class Pages {

    private final JsonMapper mapper;

    Pages(JsonMapper mapper) {
        this.mapper = mapper;
    }

    Rendering.Builder<?> view(ServerWebExchange exchange, String template) {
        ConsoleSession session = ConsoleSession.of(exchange);
        Caller caller = Caller.of(exchange);
        Rendering.Builder<?> view = Rendering.view("console/" + template)
                .modelAttribute("csrf", session.csrfToken())
                .modelAttribute("userId", caller.userId())
                .modelAttribute("role", caller.role().wire())
                .modelAttribute("canManage", caller.role().canManage())
                .modelAttribute("portal", session.portal() != null);
        ConsoleSession.Flash flash = session.takeFlash();
        if (flash != null) {
            Map<String, Object> message = new java.util.HashMap<>();
            message.put("error", flash.isError());
            message.put("message", flash.message());
            message.put("secret", flash.secret());
            message.put("secretLabel", flash.secretLabel());
            view.modelAttribute("flash", message);
        }
        return view;
    }

    /** The API's problems as pages list them: "url: must use https". */
    static List<String> problems(List<io.hookline.gateway.web.Problem> details) {
        return details.stream().map(p -> (p.field() == null || p.field().isEmpty() ? "" : p.field() + ": ") + p.problem()).toList();
    }

    static Rendering redirect(String path) {
        return Rendering.redirectTo(path).build();
    }

    /** The API's JSON as maps and lists, which templates read by name. */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(JsonNode node) {
        return mapper.treeToValue(node, Map.class);
    }

    List<Map<String, Object>> maps(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(this::map).toList();
    }
}
