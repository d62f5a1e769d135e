package io.hookline.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problem;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.execute.ReservedEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExecuteBodyTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void shouldDefaultToAnEmptyObjectNoVariablesAndAllDatasets() {
        ExecuteBody body = ExecuteBody.parse(mapper.readTree("{}"), mapper);

        assertThat(body.dataJson()).isEqualTo("{}");
        assertThat(body.environmentVariables()).isEmpty();
        assertThat(body.datasetKeys()).isEmpty();
    }

    @Test
    void shouldKeepDataVariablesAndKeys() {
        ExecuteBody body = ExecuteBody.parse(mapper.readTree(
                "{\"data\": {\"a\": [1, 2]}, \"environmentVariables\": {\"TOKEN\": \"x\"}, \"datasetKeys\": [\"k\", \"k\"]}"), mapper);

        assertThat(body.dataJson()).isEqualTo("{\"a\":[1,2]}");
        assertThat(body.environmentVariables()).isEqualTo(Map.of("TOKEN", "x"));
        assertThat(body.datasetKeys()).contains(List.of("k"));
    }

    @Test
    void shouldListEveryProblemOfTheShape() {
        assertThatThrownBy(() -> ExecuteBody.parse(mapper.readTree(
                "{\"data\": \"text\", \"environmentVariables\": {\"1BAD\": \"x\", \"WEBHOOK_DATA_FILE\": \"/etc\", \"N\": 3}, \"datasetKeys\": []}"),
                mapper))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).extracting(Problem::field)
                        .containsExactlyInAnyOrder("data", "environmentVariables.1BAD", "environmentVariables.WEBHOOK_DATA_FILE",
                                "environmentVariables.N", "datasetKeys"));
    }

    @Test
    void shouldNameEachVariableThatWouldChangeTheInterpreterOrIsNotAName() {
        // given names for the loader, Python, the platform's own, an empty one, and ones with '=' and NUL
        String body = "{\"environmentVariables\": {\"LD_PRELOAD\": \"/tmp/x.so\", \"PYTHONPATH\": \"/tmp\", \"PATH\": \"/tmp\","
                + " \"HOME\": \"/\", \"PWD\": \"/\", \"TMPDIR\": \"/\", \"DEFINITE_API_KEY\": \"k\", \"DEFINITE_API_BASE_URL\": \"u\","
                + " \"\": \"x\", \"A=B\": \"x\", \"N\\u0000\": \"x\", \"NUL_VALUE\": \"a\\u0000b\", \"TOKEN\": \"fine\"}}";

        // then each is one detail of one 422, and the good one is not among them
        assertThatThrownBy(() -> ExecuteBody.parse(mapper.readTree(body), mapper))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details()).extracting(Problem::field).containsExactly(
                            "environmentVariables.LD_PRELOAD", "environmentVariables.PYTHONPATH", "environmentVariables.PATH",
                            "environmentVariables.HOME", "environmentVariables.PWD", "environmentVariables.TMPDIR",
                            "environmentVariables.DEFINITE_API_KEY", "environmentVariables.DEFINITE_API_BASE_URL",
                            "environmentVariables[\"\"]", "environmentVariables.A=B", "environmentVariables.N\0",
                            "environmentVariables.NUL_VALUE");
                });
    }

    @Test
    void shouldKeepLowerCaseNamesWhichNeitherTheLoaderNorPythonReads() {
        ExecuteBody body = ExecuteBody.parse(mapper.readTree("{\"environmentVariables\": {\"ld_preload\": \"x\", \"pythonpath\": \"y\"}}"),
                mapper);

        assertThat(body.environmentVariables()).containsOnlyKeys("ld_preload", "pythonpath");
    }

    @Test
    void shouldRefuseVariablesThatTogetherExceedTheCap() {
        // given nine values each under the per-value cap that together pass the 1 MiB total
        StringBuilder json = new StringBuilder("{\"environmentVariables\": {");
        for (int i = 0; i < 9; i++) {
            json.append(i == 0 ? "" : ",").append("\"V").append(i).append("\": \"")
                    .append("x".repeat(ReservedEnvironment.MAX_VALUE_BYTES)).append('"');
        }
        json.append("}}");

        assertThatThrownBy(() -> ExecuteBody.parse(mapper.readTree(json.toString()), mapper))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("environmentVariables"))
                        .satisfies(p -> assertThat(p.problem()).contains(Integer.toString(ReservedEnvironment.MAX_TOTAL_BYTES))));
    }

    @Test
    void shouldSelectRequestedDatasetsInDocOrderAndRejectUnknownKeys() {
        Doc doc = new Doc("d", "t", "n", List.of(new Dataset("a", "1", 6000), new Dataset("b", "2", 6000), new Dataset("c", "3", 6000)),
                false, Instant.EPOCH, Instant.EPOCH);

        assertThat(ExecuteController.select(doc, new ExecuteBody("{}", Map.of(), Optional.of(List.of("c", "a")))))
                .extracting(Dataset::getKey).containsExactly("a", "c");
        assertThatThrownBy(() -> ExecuteController.select(doc, new ExecuteBody("{}", Map.of(), Optional.of(List.of("a", "z")))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).extracting(Problem::field)
                        .containsExactly("datasetKeys[1]"));
    }
}
