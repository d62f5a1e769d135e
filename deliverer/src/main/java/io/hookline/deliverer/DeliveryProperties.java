package io.hookline.deliverer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deliverer's own settings ({@code hookline.delivery.*}), with the defaults of API.md: 10 s per attempt.
 * Which URLs may be called (HTTPS only, every non-public address refused, by default) is the
 * {@link io.hookline.kafka.DeliveryUrlPolicy} the gateway enforces too, bound once for both.
 *
 * @param timeout                 the endpoint's part of an attempt, from its connect turn (or the request, on a pooled
 *                                connection) to the last byte read; see the http package
 * @param extraCaCerts            a PEM file of CA certificates trusted in addition to the JDK's
 * @param headerPrefix            prefix of the seed-compatible headers ({@code X-Define-Signature}, …)
 * @param maxInFlight             attempts running at once, over all endpoints
 * @param maxInFlightPerEndpoint  attempts running at once for one webhook; more wait in its queue
 * @param maxBuffered             in flight plus queued above which the consumer pauses
 * @param maxTeamShare            the share (0 to 1] of max-in-flight one team may hold while another team's
 *                                deliveries wait, and of max-buffered it may fill while another team is active (its overflow waits in the
 *                                retry topic); 1 turns per-team bounds off
 * @param retryHorizon            retries due further ahead wait in hookline.delivery-retries.later, going round
 *                                once per horizon, instead of in memory
 * @param maxWaitingRetriesPerWebhook retries of one webhook held in memory at most; more go round the later topic
 * @param consumerGroup           consumer group of hookline.deliveries
 */
@ConfigurationProperties("hookline.delivery")
public record DeliveryProperties(
        @DefaultValue("10s") Duration timeout,
        Path extraCaCerts,
        @DefaultValue("X-Define-") String headerPrefix,
        @DefaultValue("512") int maxInFlight,
        @DefaultValue("16") int maxInFlightPerEndpoint,
        @DefaultValue("10000") int maxBuffered,
        @DefaultValue("0.5") double maxTeamShare,
        @DefaultValue("10m") Duration retryHorizon,
        @DefaultValue("1000") int maxWaitingRetriesPerWebhook,
        @DefaultValue("hookline-deliverer") String consumerGroup) {

    public DeliveryProperties {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        retryHorizon = retryHorizon == null ? Duration.ofMinutes(10) : retryHorizon;
        headerPrefix = headerPrefix == null ? "X-Define-" : headerPrefix;
        consumerGroup = consumerGroup == null ? "hookline-deliverer" : consumerGroup;
        require(!timeout.isNegative() && !timeout.isZero(), "hookline.delivery.timeout must be positive: " + timeout);
        require(maxInFlight > 0, "hookline.delivery.max-in-flight must be positive: " + maxInFlight);
        require(maxInFlightPerEndpoint > 0, "hookline.delivery.max-in-flight-per-endpoint must be positive: " + maxInFlightPerEndpoint);
        require(maxBuffered >= maxInFlight, "hookline.delivery.max-buffered (" + maxBuffered
                + ") must be at least hookline.delivery.max-in-flight (" + maxInFlight + ")");
        require(maxTeamShare > 0 && maxTeamShare <= 1, "hookline.delivery.max-team-share must be above 0 and at most 1: " + maxTeamShare);
        require(!retryHorizon.isNegative() && !retryHorizon.isZero(), "hookline.delivery.retry-horizon must be positive: " + retryHorizon);
        require(maxWaitingRetriesPerWebhook > 0,
                "hookline.delivery.max-waiting-retries-per-webhook must be positive: " + maxWaitingRetriesPerWebhook);
        require(!consumerGroup.isBlank(), "hookline.delivery.consumer-group must not be blank");
        require(headerPrefix.matches("[A-Za-z0-9-]*"), "hookline.delivery.header-prefix must be a header-name prefix: " + headerPrefix);
        require(extraCaCerts == null || Files.isReadable(extraCaCerts),
                "hookline.delivery.extra-ca-certs is not a readable file: " + extraCaCerts);
    }

    /** The defaults, as a deployment without any {@code hookline.delivery.*} setting gets them. */
    public static DeliveryProperties defaults() {
        return new DeliveryProperties(null, null, null, 512, 16, 10_000, 0.5, null, 1000, null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
