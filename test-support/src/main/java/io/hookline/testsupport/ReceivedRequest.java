package io.hookline.testsupport;

import java.time.Instant;
import java.util.Map;

/** One request a {@link TestReceiver} got; header names are lower case. */
public record ReceivedRequest(String method, String path, Map<String, String> headers, String body, Instant receivedAt) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
