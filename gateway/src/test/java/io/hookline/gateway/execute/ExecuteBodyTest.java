package io.hookline.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Problem;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
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
