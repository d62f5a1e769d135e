package io.hookline.executor.run;

import io.hookline.executor.sandbox.Sandbox;
import io.hookline.executor.sandbox.SandboxJob;
import io.hookline.executor.sandbox.SandboxRun;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.DatasetResult;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.avro.ExecutionStatusSymbol;
import io.hookline.schemas.execute.ReservedEnvironment;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.states.ExecutionStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs an execute request's datasets in order, one sandbox each, and turns every run into an
 * {@link Execution} (redacted) and the request into its {@link ExecuteResult}.
 */
public final class RequestRunner {

    private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);

    private final Sandbox sandbox;
    private final SecretCipher cipher;
    private final DocKeyMinter keys;
    private final Clock clock;

    public RequestRunner(Sandbox sandbox, SecretCipher cipher, DocKeyMinter keys, Clock clock) {
        this.sandbox = sandbox;
        this.cipher = cipher;
        this.keys = keys;
        this.clock = clock;
    }

    /** What one request produced: the reply and the executions to record. */
    public record Outcome(ExecuteResult result, List<Execution> executions) {
    }

    public Outcome run(ExecuteRequest request) {
        List<DatasetResult> results = new ArrayList<>();
        List<Execution> executions = new ArrayList<>();
        boolean expired = clock.instant().isAfter(request.getDeadline());
        Map<String, String> variables;
        try {
            variables = expired ? Map.of() : decrypt(request);
        } catch (RuntimeException e) {
            log.error("Cannot decrypt the environmentVariables of a request for doc {}: does the executor share the gateway's "
                    + "hookline.secrets.key?", request.getDocId());
            return failed(request, "The executor could not read this request's environmentVariables; nothing was run.");
        }
        // the gateway's rule (a 422 there), again here: a request on the topic may come from elsewhere
        List<ReservedEnvironment.Refusal> refusals = ReservedEnvironment.refusals(variables);
        if (!refusals.isEmpty()) {
            log.warn("Refused a request for doc {}: {} environmentVariables refused", request.getDocId(), refusals.size());
            return failed(request, refusalMessage(refusals));
        }
        for (Dataset dataset : request.getDatasets()) {
            String executionId = UUID.randomUUID().toString();
            MDC.put("executionId", executionId);
            try {
                Execution execution = expired ? expired(request, dataset, executionId) : run(request, dataset, executionId, variables);
                executions.add(execution);
                results.add(new DatasetResult(dataset.getKey(), ExecutionStatus.SUCCEEDED.is(execution.getStatus()), executionId,
                        execution.getError(), execution.getDurationMs()));
                log.info("Dataset {} of doc {} {} in {} ms", dataset.getKey(), request.getDocId(), execution.getStatus(),
                        execution.getDurationMs());
            } finally {
                MDC.remove("executionId");
            }
        }
        return new Outcome(new ExecuteResult(request.getCorrelationId(), request.getDocId(), results), executions);
    }

    private Execution run(ExecuteRequest request, Dataset dataset, String executionId, Map<String, String> variables) {
        Instant startedAt = clock.instant();
        String key = keys.mint(request.getTeamId(), request.getDocId(), executionId);
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("DEFINITE_API_KEY", key);
        List<String> secrets = new ArrayList<>(variables.values());
        secrets.add(key);
        Redactor redactor = new Redactor(secrets);
        SandboxRun run = sandbox.run(new SandboxJob(dataset.getCode(), request.getData(), environment, dataset.getTimeoutMs()));
        ExecutionStatusSymbol status = (run.ending() == SandboxRun.Ending.TIMED_OUT ? ExecutionStatus.TIMED_OUT
                : run.succeeded() ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED).symbol();
        String error = run.succeeded() ? null : redactor.redact(Outcomes.error(run, dataset.getTimeoutMs()));
        return new Execution(executionId, request.getDocId(), request.getTeamId(), dataset.getKey(), status, startedAt,
                run.durationMs(), run.exitCode(), redactor.redact(run.stdout()), redactor.redact(run.stderr()), error);
    }

    /** Every dataset failed with this error, without running (and without an execution record). */
    public Outcome failed(ExecuteRequest request, String error) {
        List<DatasetResult> results = request.getDatasets().stream()
                .map(d -> new DatasetResult(d.getKey(), false, UUID.randomUUID().toString(), error, 0L)).toList();
        return new Outcome(new ExecuteResult(request.getCorrelationId(), request.getDocId(), results), List.of());
    }

    private Execution expired(ExecuteRequest request, Dataset dataset, String executionId) {
        return new Execution(executionId, request.getDocId(), request.getTeamId(), dataset.getKey(), ExecutionStatus.FAILED.symbol(), clock.instant(),
                0L, null, "", "", "Not run: the request waited past its deadline before an executor picked it up.");
    }

    private Map<String, String> decrypt(ExecuteRequest request) {
        Map<String, String> plain = new HashMap<>();
        request.getEnvironmentVariables().forEach((name, sealed) -> plain.put(name, cipher.decrypt(sealed)));
        return plain;
    }

    /** Names the refused variables (never their values), or says which limit all of them together exceed. */
    static String refusalMessage(List<ReservedEnvironment.Refusal> refusals) {
        List<String> names = refusals.stream().map(ReservedEnvironment.Refusal::name).filter(name -> !name.isEmpty())
                .distinct().sorted().toList();
        if (names.isEmpty()) {
            return "environmentVariables " + refusals.get(0).problem() + "; nothing was run.";
        }
        return "environmentVariables may not set " + String.join(", ", names) + " (reserved by the sandbox); nothing was run.";
    }
}
