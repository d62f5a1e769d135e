package io.hookline.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.executor.sandbox.SandboxJob;
import io.hookline.executor.sandbox.SandboxRun;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.DatasetResult;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRunnerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<SandboxJob> jobs = new ArrayList<>();

    @Test
    void shouldGiveTheSandboxDecryptedVariablesAndAKeyAndRedactThemFromTheRecord() {
        RequestRunner runner = runner(job -> new SandboxRun(0, "token=" + job.environment().get("TOKEN") + " key="
                + job.environment().get("DEFINITE_API_KEY"), "", SandboxRun.Ending.EXITED, null, 5));

        RequestRunner.Outcome outcome = runner.run(request(Map.of("TOKEN", cipher.encrypt("very-secret")), NOW.plusSeconds(60)));

        assertThat(jobs.get(0).environment()).containsEntry("TOKEN", "very-secret").containsKey("DEFINITE_API_KEY");
        assertThat(jobs.get(0).environment().get("DEFINITE_API_KEY")).startsWith("dk_");
        Execution execution = outcome.executions().get(0);
        assertThat(execution.getStdout()).isEqualTo("token=[REDACTED] key=[REDACTED]");
        assertThat(execution.getStatus().name()).isEqualTo("succeeded");
        assertThat(outcome.result().getResults()).extracting(DatasetResult::getSuccess).containsExactly(true);
    }

    @Test
    void shouldNameTheCauseOfATimeout() {
        RequestRunner runner = runner(job -> new SandboxRun(137, "", "", SandboxRun.Ending.TIMED_OUT, null, 1000));

        RequestRunner.Outcome outcome = runner.run(request(Map.of(), NOW.plusSeconds(60)));

        assertThat(outcome.executions().get(0).getStatus().name()).isEqualTo("timed_out");
        assertThat(outcome.result().getResults().get(0).getError()).isEqualTo("Timed out after 1000 ms; the dataset's processes were killed.");
    }

    @Test
    void shouldNotRunARequestPastItsDeadline() {
        RequestRunner runner = runner(job -> {
            throw new AssertionError("must not run");
        });

        RequestRunner.Outcome outcome = runner.run(request(Map.of(), NOW.minusSeconds(1)));

        assertThat(jobs).isEmpty();
        assertThat(outcome.result().getResults().get(0).getSuccess()).isFalse();
    }

    @Test
    void shouldAnswerWithoutRunningWhenVariablesCannotBeDecrypted() {
        RequestRunner runner = runner(job -> {
            throw new AssertionError("must not run");
        });

        RequestRunner.Outcome outcome = runner.run(request(Map.of("TOKEN", "not-sealed"), NOW.plusSeconds(60)));

        assertThat(jobs).isEmpty();
        assertThat(outcome.result().getResults().get(0).getError()).contains("environmentVariables");
    }

    @Test
    void shouldRefuseWithoutRunningVariablesThatWouldOverrideTheSandboxOrTheInterpreter() {
        RequestRunner runner = runner(job -> {
            throw new AssertionError("must not run");
        });

        RequestRunner.Outcome outcome = runner.run(request(Map.of("DEFINITE_API_KEY", cipher.encrypt("dk_forged"),
                "LD_PRELOAD", cipher.encrypt("/tmp/x.so"), "PYTHONPATH", cipher.encrypt("/tmp"), "GREETING", cipher.encrypt("hi")),
                NOW.plusSeconds(60)));

        assertThat(jobs).isEmpty();
        assertThat(outcome.executions()).isEmpty();
        assertThat(outcome.result().getResults().get(0).getSuccess()).isFalse();
        assertThat(outcome.result().getResults().get(0).getError())
                .isEqualTo("environmentVariables may not set DEFINITE_API_KEY, LD_PRELOAD, PYTHONPATH (reserved by the sandbox); nothing was run.");
    }

    @Test
    void shouldSayWhichLimitTheVariablesExceedWhenNoNameIsAtFault() {
        String message = RequestRunner.refusalMessage(io.hookline.schemas.execute.ReservedEnvironment.refusals(
                java.util.stream.IntStream.range(0, 201).boxed().collect(java.util.stream.Collectors.toMap(i -> "V" + i, i -> "x"))));

        assertThat(message).isEqualTo("environmentVariables must have at most 200 entries, has 201; nothing was run.");
    }

    private RequestRunner runner(java.util.function.Function<SandboxJob, SandboxRun> sandbox) {
        return new RequestRunner(job -> {
            jobs.add(job);
            return sandbox.apply(job);
        }, cipher, new DocKeyMinter(SecretCipher.generateKey(), clock, Duration.ofMinutes(15)), clock);
    }

    private static ExecuteRequest request(Map<String, String> sealed, Instant deadline) {
        return new ExecuteRequest("c-1", "doc-1", "team-1", List.of(new Dataset("a", "print(1)", 1000)), "{}", sealed, NOW, deadline);
    }
}
