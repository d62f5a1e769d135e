package io.hookline.deliverer.signing;

/**
 * The signature header values of one attempt.
 *
 * @param timestamp        unix seconds, the {@code webhook-timestamp}
 * @param webhookSignature space-separated {@code v1,<base64>} entries, one per valid secret
 * @param seedSignature    {@code sha256=<hex>} of the raw body, for {@code X-Define-Signature}
 */
public record Signatures(long timestamp, String webhookSignature, String seedSignature) {
}
