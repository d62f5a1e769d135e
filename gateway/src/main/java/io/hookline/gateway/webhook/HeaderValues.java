package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Custom header values at rest: sealed with the signing secrets' {@link SecretCipher} (they often carry
 * credentials, {@code Authorization: Bearer …}), names in clear. Records written before hold clear values
 * ({@code headerValuesEncrypted} false) and are read as they are.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    static Map<String, String> sealed(Map<String, String> clear, SecretCipher cipher) {
        Map<String, String> sealed = new LinkedHashMap<>();
        clear.forEach((name, value) -> sealed.put(name, cipher.encrypt(value)));
        return sealed;
    }

    /** The webhook's custom headers with their values in clear. */
    static Map<String, String> clear(Webhook webhook, SecretCipher cipher) {
        if (!webhook.getHeaderValuesEncrypted()) {
            return webhook.getHeaders();
        }
        Map<String, String> clear = new LinkedHashMap<>();
        webhook.getHeaders().forEach((name, value) -> clear.put(name, cipher.decrypt(value)));
        return clear;
    }
}
