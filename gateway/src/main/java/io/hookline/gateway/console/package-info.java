/**
 * The admin console at {@code /admin} (issue 11; the seed's admin guide): server-rendered HTML pages.
 *
 * <p><b>Approach.</b> Pages are Thymeleaf templates rendered by this gateway (no Node toolchain, no
 * single-page application): every action is a plain HTML form, so the console works without
 * JavaScript, and the little script it may use is a static ES module served from {@code /admin/assets}.
 * Each page and each action calls the very handlers that serve {@code /v4} ({@link
 * io.hookline.gateway.console.InProcessApi}), in-process, as the signed-in {@link
 * io.hookline.gateway.auth.Caller}: validation, roles, teams and error messages have one code path,
 * and the console can do nothing the API would refuse (a member's forged form gets the API's 403).
 *
 * <p><b>Sign-in.</b> The user's API key is exchanged for a random session id ({@link
 * io.hookline.gateway.console.ConsoleSessions}, in this gateway's memory): an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /admin}, Secure when the request came over HTTPS. The key is
 * checked again on every request, so a rotated or revoked key ends its sessions at once. Sessions
 * expire after {@code hookline.console.idle-timeout} without use and {@code hookline.console.max-age}
 * in all, and end with Sign out.
 *
 * <p><b>Portal.</b> {@code POST /v4/portal-links} ({@link io.hookline.gateway.console.PortalLinks}) makes a
 * single-use URL that opens a session without a key: the team's member (read-only) or admin, kept
 * by {@link io.hookline.gateway.console.ConsoleFilter} to the link's webhooks and their pages, framable
 * only from {@code hookline.portal.allowed-origins}. Over HTTPS with origins configured its cookie is
 * SameSite=None, Secure and Partitioned (CHIPS), the one kind a browser that refuses third-party cookies
 * still keeps for a cross-site frame.
 *
 * <p><b>Page security.</b> Every state-changing request carries the session's CSRF token; templates
 * only ever use {@code th:text} (escaped) for values, so an endpoint's response body or headers are
 * shown as text; a Content-Security-Policy allows scripts and styles from this origin only and no
 * framing ({@link io.hookline.gateway.console.ConsoleFilter}).
 */
package io.hookline.gateway.console;
