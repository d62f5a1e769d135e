package io.hookline.gateway.auth;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.principal.Role;
import org.springframework.web.server.ServerWebExchange;

/** Who is calling: the authenticated user, their team (the tenant of everything they touch) and role. */
public record Caller(String userId, String teamId, Role role) {

    static final String ATTRIBUTE = Caller.class.getName();

    /**
     * Makes this the request's caller, for a request authenticated another way than by
     * {@link ApiKeyFilter}: the admin console's session calls the same handlers as {@code /v4}.
     */
    public ServerWebExchange attachTo(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
        return exchange;
    }

    /** The caller {@link ApiKeyFilter} authenticated for this request. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            // Every /v4 request passes the filter; reaching this is a wiring bug, not a client error.
            throw new IllegalStateException("No authenticated caller on " + exchange.getRequest().getPath());
        }
        return caller;
    }

    /**
     * The resource, once the caller may manage it. Look the resource up first: another team's resource
     * is 404 for every role, and only then does a member's 403 say anything.
     *
     * @throws ApiException 403 unless the caller may manage the team's resources
     */
    public <T> T managing(T resource) {
        requireManager();
        return resource;
    }

    /** @throws ApiException 403 unless the caller may manage the team's webhooks */
    public Caller requireManager() {
        if (!role.canManage()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This operation needs the admin or owner role; yours is " + role.wire() + ".");
        }
        return this;
    }
}
