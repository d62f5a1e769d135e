package io.hookline.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.schemas.avro.RetryPolicy;
import java.util.List;

/**
 * A webhook's retry policy as the API shows it: {@code {"mode": "none"}} or
 * {@code {"mode": "exponential", "schedule": [...]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryPolicyJson(String mode, List<String> schedule) {

    static final String NONE = "none";
    static final String EXPONENTIAL = "exponential";
    static final List<String> DEFAULT_SCHEDULE = List.of("5s", "5m", "30m", "2h", "5h", "10h", "10h");

    static RetryPolicyJson none() {
        return new RetryPolicyJson(NONE, null);
    }

    static RetryPolicyJson from(RetryPolicy avro) {
        return EXPONENTIAL.equals(avro.getMode())
                ? new RetryPolicyJson(EXPONENTIAL, List.copyOf(avro.getSchedule()))
                : new RetryPolicyJson(avro.getMode(), null);
    }

    RetryPolicy toAvro() {
        return new RetryPolicy(mode, schedule == null ? List.of() : schedule);
    }
}
