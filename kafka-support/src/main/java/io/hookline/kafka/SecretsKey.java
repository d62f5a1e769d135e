package io.hookline.kafka;

/**
 * {@code hookline.secrets.key}, checked: the base64 of the 32 bytes that encrypt signing secrets and
 * {@code environmentVariables} and sign datasets' {@code DEFINITE_API_KEY} (see {@code DocKeys}).
 * A bean, so nothing reads the property on its own and skips the check.
 */
public record SecretsKey(String base64) {

    public SecretsKey {
        PlatformConfiguration.checkKey(base64);
        base64 = base64.trim();
    }

    public static SecretsKey of(String base64) {
        return new SecretsKey(base64);
    }

    @Override
    public String toString() {
        return "SecretsKey[redacted]";
    }
}
