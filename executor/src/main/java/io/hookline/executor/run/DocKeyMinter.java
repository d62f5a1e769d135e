package io.hookline.executor.run;

import io.hookline.schemas.crypto.DocKeys;
import java.time.Clock;
import java.time.Duration;

/**
 * Mints a dataset's {@code DEFINITE_API_KEY} (format and signature: {@link DocKeys}, which the gateway
 * verifies with), valid for the doc's team only and only for {@code ttl}.
 */
public final class DocKeyMinter {

    private final DocKeys keys;
    private final Clock clock;
    private final Duration ttl;

    public DocKeyMinter(String base64SecretsKey, Clock clock, Duration ttl) {
        this.keys = new DocKeys(base64SecretsKey);
        this.clock = clock;
        this.ttl = ttl;
    }

    public String mint(String teamId, String docId, String executionId) {
        return keys.mint(teamId, docId, executionId, clock.instant().plus(ttl));
    }
}
