package io.hookline.deliverer.delivery;

import java.time.Duration;
import java.util.Map;

/**
 * How one attempt ended. Java 17 has no pattern matching in {@code switch} (it is a preview there),
 * so {@link #match} is the exhaustive switch: every case must be handled to compile.
 */
public sealed interface DeliveryOutcome {

    <R> R match(Cases<R> cases);

    /** One method per outcome; adding an outcome breaks every caller until it handles it. */
    interface Cases<R> {

        R responded(Responded responded);

        R timedOut(TimedOut timedOut);

        R refused(Refused refused);

        R unreachable(Unreachable unreachable);
    }

    /** The endpoint answered; a 2xx status is a success, anything else (3xx included) a failure. */
    record Responded(int status, Map<String, String> headers, String body) implements DeliveryOutcome {

        public Responded {
            headers = Map.copyOf(headers);
        }

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.responded(this);
        }
    }

    /** No complete answer within the attempt's time budget. */
    record TimedOut(Duration after) implements DeliveryOutcome {

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.timedOut(this);
        }
    }

    /** Nothing was sent because a rule forbids it: not https, a non-public address, no usable secret, a bad URL. */
    record Refused(String reason) implements DeliveryOutcome {

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.refused(this);
        }
    }

    /** The endpoint could not be reached: DNS, connection refused or reset, TLS. */
    record Unreachable(String error) implements DeliveryOutcome {

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.unreachable(this);
        }
    }
}
