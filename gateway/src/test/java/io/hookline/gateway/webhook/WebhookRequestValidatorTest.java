package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookline.gateway.event.EventCatalog;
import io.hookline.gateway.event.EventTypes;
import io.hookline.gateway.event.InMemoryCustomTypes;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problem;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.net.AddressPolicy;
import io.hookline.schemas.states.Ordering;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookRequestValidatorTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final InMemoryCustomTypes custom = new InMemoryCustomTypes()
            .register("team_a", "invoice.paid", "{\"type\": \"object\"}", "{}");
    private final EventTypes catalog = new EventTypes(EventCatalog.load(mapper), custom, mapper);
    /** A DNS of our own: public.example resolves to a public address, private.example to a private one, nothing else resolves. */
    private final HostResolver dns = host -> switch (host) {
        case "public.example" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})};
        case "private.example" -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}),
                InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})};
        default -> {
            if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
                yield InetAddress.getAllByName(host); // literals: no lookup
            }
            throw new UnknownHostException(host);
        }
    };
    private final WebhookRequestValidator validator = validator(false, List.of());

    @Test
    void shouldAcceptAMinimalWebhookWithDefaults() {
        // when
        NewWebhook webhook = validator.validate("team_a", json("{\"url\": \"https://public.example/hook\", \"events\": [\"acronym.created\"]}"));

        // then
        assertThat(webhook.url()).isEqualTo("https://public.example/hook");
        assertThat(webhook.events()).containsExactly("acronym.created");
        assertThat(webhook.description()).isNull();
        assertThat(webhook.retryPolicy()).isEqualTo(RetryPolicyJson.none());
        assertThat(webhook.sendPlaintextSecret()).isFalse();
    }

    @Test
    void shouldFillInTheDefaultExponentialSchedule() {
        // when
        NewWebhook webhook = validator.validate("team_a", json("""
                {"url": "https://public.example/hook", "events": ["*"], "retryPolicy": {"mode": "exponential"},
                 "description": "all of it", "sendPlaintextSecret": true}"""));

        // then
        assertThat(webhook.retryPolicy().schedule()).containsExactly("5s", "5m", "30m", "2h", "5h", "10h", "10h");
        assertThat(webhook.events()).containsExactly("*");
        assertThat(webhook.sendPlaintextSecret()).isTrue();
    }

    @Test
    void shouldRefuseAnHttpUrl() {
        assertThat(problems(body("http://public.example/hook"))).singleElement()
                .isEqualTo(new Problem("url", "must be an https:// URL"));
    }

    @Test
    void shouldAcceptAnHttpUrlWhenInsecureHttpIsAllowed() {
        assertThat(validator(true, List.of()).validate("team_a", body("http://public.example/hook")).url()).isEqualTo("http://public.example/hook");
    }

    @Test
    void shouldRefuseAHostWithAnyPrivateAddress() {
        assertThat(problems(body("https://private.example/hook"))).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("url");
            assertThat(p.problem()).contains("10.1.2.3").contains("10.0.0.0/8");
        });
    }

    @Test
    void shouldRefuseLoopbackUnlessItsRangeIsAllowed() {
        assertThat(problems(body("https://127.0.0.1:8443/hook"))).extracting(Problem::field).containsExactly("url");
        assertThat(validator(false, List.of("127.0.0.0/8")).validate("team_a", body("https://127.0.0.1:8443/hook")).url())
                .isEqualTo("https://127.0.0.1:8443/hook");
    }

    @Test
    void shouldLeaveAHostThatDoesNotResolveToVerification() {
        // verification reports "DNS name not found" in words; creation does not refuse it
        assertThat(validator.validate("team_a", body("https://nowhere.invalid/hook")).url()).isEqualTo("https://nowhere.invalid/hook");
    }

    @Test
    void shouldRefuseRelativeAndMalformedUrls() {
        assertThat(problems(body("/hook"))).extracting(Problem::field).containsExactly("url");
        assertThat(problems(body("https://exa mple.com/"))).extracting(Problem::field).containsExactly("url");
    }

    @Test
    void shouldRefuseUnknownEventTypes() {
        assertThat(problems(json("{\"url\": \"https://public.example/\", \"events\": [\"acronym.created\", \"acronym.exploded\"]}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("events[1]");
                    assertThat(p.problem()).contains("acronym.exploded");
                });
    }

    @Test
    void shouldRefuseAStarMixedWithTypes() {
        assertThat(problems(json("{\"url\": \"https://public.example/\", \"events\": [\"*\", \"acronym.created\"]}")))
                .extracting(Problem::field).containsExactly("events");
    }

    @Test
    void shouldRefuseNoEvents() {
        assertThat(problems(json("{\"url\": \"https://public.example/\", \"events\": []}"))).extracting(Problem::field).containsExactly("events");
        assertThat(problems(json("{\"url\": \"https://public.example/\"}"))).extracting(Problem::field).containsExactly("events");
    }

    @Test
    void shouldRefuseBadRetrySchedules() {
        // given
        String tooLong = "[" + String.join(",", java.util.Collections.nCopies(21, "\"5s\"")) + "]";

        // when / then
        assertThat(problems(retry("{\"mode\": \"exponential\", \"schedule\": [\"5s\", \"5 minutes\", \"0s\", 3]}")))
                .extracting(Problem::field)
                .containsExactly("retryPolicy.schedule[1]", "retryPolicy.schedule[2]", "retryPolicy.schedule[3]");
        assertThat(problems(retry("{\"mode\": \"exponential\", \"schedule\": []}"))).extracting(Problem::field)
                .containsExactly("retryPolicy.schedule");
        assertThat(problems(retry("{\"mode\": \"exponential\", \"schedule\": " + tooLong + "}"))).extracting(Problem::field)
                .containsExactly("retryPolicy.schedule");
        assertThat(problems(retry("{\"mode\": \"linear\"}"))).extracting(Problem::field).containsExactly("retryPolicy.mode");
        assertThat(problems(retry("{\"mode\": \"none\", \"schedule\": [\"5s\"]}"))).extracting(Problem::field)
                .containsExactly("retryPolicy.schedule");
        assertThat(problems(retry("{\"mode\": \"none\", \"jitter\": true}"))).extracting(Problem::field)
                .containsExactly("retryPolicy.jitter");
    }

    @Test
    void shouldRefuseAStepOverADayNamingIt() {
        // when a schedule's second step waits 25 hours (and another 2 days)
        List<Problem> problems = problems(retry("{\"mode\": \"exponential\", \"schedule\": [\"5s\", \"25h\", \"1d\", \"2d\"]}"));

        // then each step over a day is named
        assertThat(problems).extracting(Problem::field).containsExactly("retryPolicy.schedule[1]", "retryPolicy.schedule[3]");
        assertThat(problems.get(0).problem()).contains("25h").contains("24h");
    }

    @Test
    void shouldRefuseAScheduleOverAWeekButAcceptExactlyOne() {
        // given eight one-day steps, and seven
        String eightDays = "[" + String.join(",", java.util.Collections.nCopies(8, "\"24h\"")) + "]";
        String sevenDays = "[" + String.join(",", java.util.Collections.nCopies(7, "\"1d\"")) + "]";

        // when / then
        List<Problem> problems = problems(retry("{\"mode\": \"exponential\", \"schedule\": " + eightDays + "}"));
        assertThat(problems).extracting(Problem::field).containsExactly("retryPolicy.schedule");
        assertThat(problems.get(0).problem()).contains("192h").contains("7d");
        NewWebhook accepted = validator.validate("team_a", retry("{\"mode\": \"exponential\", \"schedule\": " + sevenDays + "}"));
        assertThat(accepted.retryPolicy().schedule()).hasSize(7);
    }

    @Test
    void shouldRefuseAPatchWhoseScheduleIsTooLong() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> validator.validatePatch("team_a", json("""
                {"retryPolicy": {"mode": "exponential", "schedule": ["30h"]}}""")));
        assertThat(error.details()).extracting(Problem::field).containsExactly("retryPolicy.schedule[0]");
    }

    @Test
    void shouldRefuseUnknownFields() {
        assertThat(problems(json("{\"url\": \"https://public.example/\", \"events\": [\"*\"], \"secret\": \"mine\"}")))
                .extracting(Problem::field).containsExactly("secret");
    }

    @Test
    void shouldListEveryProblemAtOnce() {
        // given
        JsonNode body = json("""
                {"url": "http://private.example/", "events": ["nope", "*"], "description": "%s",
                 "retryPolicy": {"mode": "exponential", "schedule": ["soon"]}, "sendPlaintextSecret": "yes", "extra": 1}"""
                .formatted("d".repeat(1001)));

        // when
        List<Problem> problems = problems(body);

        // then
        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                "extra", "url", "events[0]", "events", "description", "retryPolicy.schedule[0]", "sendPlaintextSecret");
    }

    @Test
    void shouldAcceptATeamsCustomTypeButNotAnotherTeamsOne() {
        JsonNode body = json("{\"url\": \"https://public.example/hook\", \"events\": [\"invoice.paid\"]}");
        assertThat(validator.validate("team_a", body).events()).containsExactly("invoice.paid");
        ApiException error = catchThrowableOfType(ApiException.class, () -> validator.validate("team_b", body));
        assertThat(error.details()).extracting(Problem::field).containsExactly("events[0]");
    }

    @Test
    void shouldTakeRateLimitAndOrderingAtCreation() {
        NewWebhook webhook = validator.validate("team_a", json("""
                {"url": "https://public.example/hook", "events": ["*"], "rateLimitPerSecond": 5, "ordering": "fifo"}"""));
        assertThat(webhook.rateLimitPerSecond()).isEqualTo(5);
        assertThat(webhook.ordering()).isEqualTo(Ordering.FIFO);
    }

    @Test
    void shouldRefuseAUrlInAPatchAsImmutable() {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> validator.validatePatch("team_a", json("{\"url\": \"https://public.example/other\"}")));
        assertThat(error.details()).containsExactly(new Problem("url", "url is immutable: delete and recreate"));
    }

    @Test
    void shouldChangeOnlyWhatAPatchNames() {
        // given a webhook
        io.hookline.schemas.avro.Webhook current = io.hookline.schemas.avro.Webhook.newBuilder()
                .setId("wh_1").setTenantId("team_a").setUrl("https://public.example/hook").setEvents(List.of("acronym.created"))
                .setDescription("old").setStatus(WebhookStatusSymbol.active).setEnabled(true).setCreatedAt(java.time.Instant.EPOCH)
                .setUpdatedAt(java.time.Instant.EPOCH).setSecrets(List.of()).setRetryPolicy(RetryPolicyJson.none().toAvro()).build();
        // when
        WebhookPatch patch = validator.validatePatch("team_a", json("""
                {"events": ["*"], "rateLimitPerSecond": 10, "ordering": "fifo", "retryPolicy": {"mode": "exponential"}}"""));
        io.hookline.schemas.avro.Webhook changed = applied(patch, current, java.time.Instant.ofEpochSecond(5));
        // then
        assertThat(changed.getEvents()).containsExactly("*");
        assertThat(changed.getDescription()).isEqualTo("old");
        assertThat(changed.getRateLimitPerSecond()).isEqualTo(10);
        assertThat(changed.getOrdering().name()).isEqualTo("fifo");
        assertThat(changed.getRetryPolicy().getSchedule()).isEqualTo(RetryPolicyJson.DEFAULT_SCHEDULE);
        assertThat(changed.getUrl()).isEqualTo("https://public.example/hook");
        assertThat(changed.getUpdatedAt()).isEqualTo(java.time.Instant.ofEpochSecond(5));
    }

    @Test
    void shouldListEveryProblemOfAPatch() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> validator.validatePatch("team_a", json("""
                {"status": "active", "events": [], "rateLimitPerSecond": 0, "ordering": "random", "description": 5}""")));
        assertThat(error.details()).extracting(Problem::field)
                .containsExactlyInAnyOrder("status", "events", "rateLimitPerSecond", "ordering", "description");
    }

    @Test
    void shouldStoreAFilterCompactAndTakeCustomHeaders() {
        NewWebhook webhook = validator.validate("team_a", json("""
                {"url": "https://public.example/hook", "events": ["*"],
                 "filter": {"data.amount": {"$gte": 100}, "type": {"$in": ["order.paid"]}},
                 "headers": {"X-Team": "payments", "Authorization": "Bearer abc"}}"""));
        assertThat(webhook.filter()).isEqualTo("{\"data.amount\":{\"$gte\":100},\"type\":{\"$in\":[\"order.paid\"]}}");
        assertThat(webhook.headers()).containsExactly(Map.entry("X-Team", "payments"), Map.entry("Authorization", "Bearer abc"));
    }

    @Test
    void shouldHaveNoFilterAndNoHeadersByDefault() {
        NewWebhook webhook = validator.validate("team_a", json("{\"url\": \"https://public.example/hook\", \"events\": [\"*\"], \"filter\": null}"));
        assertThat(webhook.filter()).isNull();
        assertThat(webhook.headers()).isEmpty();
    }

    @Test
    void shouldNameEveryProblemOfAFilterAndOfTheHeaders() {
        assertThat(problems(json("""
                {"url": "https://public.example/hook", "events": ["*"],
                 "filter": {"amount": 1, "data.a": {"$regex": "(?<=x)a"}},
                 "headers": {"Host": "evil.example", "X-Split": "a\\r\\nb", "X-Number": 5}}""")))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder("filter.amount", "filter.data.a.$regex", "headers.Host", "headers.X-Split", "headers.X-Number");
        assertThat(problems(json("{\"url\": \"https://public.example/hook\", \"events\": [\"*\"], \"filter\": \"type == a\", \"headers\": [1]}")))
                .extracting(Problem::field).containsExactlyInAnyOrder("filter", "headers");
    }

    @Test
    void shouldSetReplaceAndRemoveFilterAndHeadersByPatch() {
        // given a webhook with a filter and a header
        io.hookline.schemas.avro.Webhook current = io.hookline.schemas.avro.Webhook.newBuilder()
                .setId("wh_1").setTenantId("team_a").setUrl("https://public.example/hook").setEvents(List.of("*"))
                .setStatus(WebhookStatusSymbol.active).setEnabled(true).setCreatedAt(java.time.Instant.EPOCH).setUpdatedAt(java.time.Instant.EPOCH)
                .setSecrets(List.of()).setRetryPolicy(RetryPolicyJson.none().toAvro())
                .setFilter("{\"type\":\"a\"}").setHeaders(Map.of("X-Old", "1")).build();
        java.time.Instant now = java.time.Instant.ofEpochSecond(5);

        // when patched without them, with new ones, and with null
        io.hookline.schemas.avro.Webhook untouched = applied(validator.validatePatch("team_a", json("{\"description\": \"d\"}")), current, now);
        io.hookline.schemas.avro.Webhook replaced = applied(validator.validatePatch("team_a",
                json("{\"filter\": {\"type\": \"b\"}, \"headers\": {\"X-New\": \"2\"}}")), current, now);
        io.hookline.schemas.avro.Webhook removed = applied(validator.validatePatch("team_a",
                json("{\"filter\": null, \"headers\": null}")), current, now);

        // then
        assertThat(untouched.getFilter()).isEqualTo("{\"type\":\"a\"}");
        assertThat(untouched.getHeaders()).containsOnlyKeys("X-Old");
        assertThat(replaced.getFilter()).isEqualTo("{\"type\":\"b\"}");
        assertThat(replaced.getHeaders()).containsOnlyKeys("X-New");
        assertThat(removed.getFilter()).isNull();
        assertThat(removed.getHeaders()).isEmpty();
    }

    @Test
    void shouldRefuseABadFilterInAPatch() {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> validator.validatePatch("team_a", json("{\"filter\": {\"data.n\": {\"$gt\": [1]}}, \"headers\": {\"User-Agent\": \"x\"}}")));
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).extracting(Problem::field).containsExactly("filter.data.n.$gt", "headers.User-Agent");
    }

    @Test
    void shouldTryAFilterOnAnEventAsTheRouterWould() {
        String filter = "\"filter\": {\"data.amount\": {\"$gt\": 100}, \"tenant_id\": \"team_a\"}";
        assertThat(FilterTestController.matches("team_a", json("{" + filter + ", \"event\": {\"type\": \"o\", \"data\": {\"amount\": 101}}}")))
                .isTrue();
        assertThat(FilterTestController.matches("team_a", json("{" + filter + ", \"event\": {\"type\": \"o\", \"data\": {\"amount\": 100}}}")))
                .isFalse();
        assertThat(FilterTestController.matches("team_a",
                json("{" + filter + ", \"event\": {\"type\": \"o\", \"tenant_id\": \"team_b\", \"data\": {\"amount\": 101}}}"))).isFalse();
    }

    @Test
    void shouldExplainWhatIsWrongWithAFilterTest() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> FilterTestController.matches("team_a",
                json("{\"filter\": {\"$nor\": []}, \"event\": {\"data\": 1}, \"extra\": 1}")));
        assertThat(error.details()).extracting(Problem::field).containsExactlyInAnyOrder("extra", "filter.$nor", "event.type", "event.data");
        assertThat(catchThrowableOfType(ApiException.class, () -> FilterTestController.matches("team_a", json("{}"))).details())
                .extracting(Problem::field).containsExactlyInAnyOrder("filter", "event");
    }

    private List<Problem> problems(JsonNode body) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> validator.validate("team_a", body));
        assertThat(error).as("validation should fail").isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return error.details();
    }

    private WebhookRequestValidator validator(boolean allowHttp, List<String> allowedCidrs) {
        return new WebhookRequestValidator(catalog, new UrlChecker(new AddressPolicy(allowedCidrs), allowHttp, dns));
    }

    private JsonNode body(String url) {
        return mapper.valueToTree(Map.of("url", url, "events", List.of("acronym.created")));
    }

    private JsonNode retry(String policy) {
        return json("{\"url\": \"https://public.example/\", \"events\": [\"*\"], \"retryPolicy\": " + policy + "}");
    }

    private JsonNode json(String text) {
        return mapper.readTree(text);
    }

    /** The patch as the owner of the webhook's partition applies it (header values sealed on the way). */
    private static io.hookline.schemas.avro.Webhook applied(WebhookPatch patch, io.hookline.schemas.avro.Webhook current, java.time.Instant at) {
        io.hookline.schemas.avro.WebhookCommand command = io.hookline.schemas.avro.WebhookCommand.newBuilder().setCommandId("c1")
                .setWebhookId(current.getId()).setTenantId(current.getTenantId()).setAction(io.hookline.schemas.avro.WebhookAction.UPDATE)
                .setIssuedBy("gateway").setIssuedAt(at).setChanges(patch.changes(CIPHER)).build();
        return ((Applied.Written) Applied.of(command, java.util.Optional.of(current))).after();
    }

    private static final io.hookline.schemas.crypto.SecretCipher CIPHER =
            io.hookline.schemas.crypto.SecretCipher.fromBase64Key(io.hookline.schemas.crypto.SecretCipher.generateKey());
}
