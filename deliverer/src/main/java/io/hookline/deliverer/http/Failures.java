package io.hookline.deliverer.http;

import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import reactor.netty.http.client.PrematureCloseException;

/** Explains why an attempt got no answer, in words an endpoint owner understands. */
final class Failures {

    private Failures() {
    }

    static DeliveryOutcome describe(Throwable failure, Duration timeout) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            DeliveryOutcome outcome = describeOne(t, timeout);
            if (outcome != null) {
                return outcome;
            }
        }
        return new DeliveryOutcome.Unreachable("delivery failed: " + message(failure));
    }

    private static DeliveryOutcome describeOne(Throwable t, Duration timeout) {
        if (t instanceof AddressRefusedException) {
            return new DeliveryOutcome.Refused(t.getMessage());
        }
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof TimeoutException
                || t instanceof ConnectTimeoutException) {
            return new DeliveryOutcome.TimedOut(timeout);
        }
        if (t instanceof UnknownHostException) {
            return new DeliveryOutcome.Unreachable("DNS name not found: " + t.getMessage());
        }
        if (t instanceof SSLException) {
            return new DeliveryOutcome.Unreachable("TLS handshake failed: " + message(rootCause(t)));
        }
        if (t instanceof NoRouteToHostException) {
            return new DeliveryOutcome.Unreachable("no route to host");
        }
        if (t instanceof ConnectException) {
            String message = String.valueOf(t.getMessage());
            return new DeliveryOutcome.Unreachable(message.toLowerCase().contains("refused")
                    ? "connection refused" : "connection failed: " + message);
        }
        if (t instanceof PrematureCloseException) {
            return new DeliveryOutcome.Unreachable("connection closed before the response was complete");
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The exception's message, shortened: some (e.g. "not an SSL/TLS record") carry a hex dump. */
    private static String message(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
