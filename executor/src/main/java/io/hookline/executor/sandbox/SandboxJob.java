package io.hookline.executor.sandbox;

import java.util.Map;

/**
 * One dataset run: its code, the request's data as JSON, the variables the dataset sees (besides
 * {@code WEBHOOK_DATA_FILE} and {@code DEFINITE_API_BASE_URL}, which the sandbox sets) and its timeout.
 */
public record SandboxJob(String code, String dataJson, Map<String, String> environment, long timeoutMs) {

    public SandboxJob {
        environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
        // never show environment values: they are the caller's secrets
        return "SandboxJob[timeoutMs=" + timeoutMs + ", variables=" + environment.keySet() + "]";
    }
}
