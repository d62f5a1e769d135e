package io.hookline.gateway.kafka;

/**
 * Kafka could not take a write or serve a view in time. Retriable: the API answers {@code 503} with
 * {@code Retry-After}. The message is for logs only.
 */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaUnavailableException(String message) {
        super(message);
    }
}
