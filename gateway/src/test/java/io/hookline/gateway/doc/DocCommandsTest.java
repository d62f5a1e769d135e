package io.hookline.gateway.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.owner.Decision;
import io.hookline.gateway.owner.FakeState;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocAction;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class DocCommandsTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T19:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");
    private static final List<Dataset> CODE = List.of(new Dataset("main", "print(1)", 6000));
    private static final Doc DOC = new Doc("doc-1", "team-a", "report", CODE, false, CREATED, CREATED);

    private final FakeState<Doc> state = new FakeState<Doc>(Doc::getId).with(DOC);

    @Test
    void shouldKeepTheArchiveWhenAPutAskedBeforeItIsAppliedAfterIt() {
        // given the doc archived
        state.wrote(DocCommands.KIND.apply(command(DocAction.ARCHIVE, "team-a").build(), state));

        // when a PUT is applied to it
        List<Dataset> edited = List.of(new Dataset("main", "print(2)", 1000));
        Decision<Doc> replaced = DocCommands.KIND.apply(command(DocAction.REPLACE, "team-a").setName("edited").setDatasets(edited).build(), state);

        // then it is edited and still archived
        assertThat(replaced).isInstanceOfSatisfying(Decision.Written.class, w -> assertThat(w.after())
                .isEqualTo(new Doc("doc-1", "team-a", "edited", edited, true, CREATED, NOW)));
    }

    @Test
    void shouldKeepThePutWhenAnArchiveIsAppliedAfterIt() {
        // given the doc renamed
        state.wrote(DocCommands.KIND.apply(command(DocAction.REPLACE, "team-a").setName("edited").setDatasets(CODE).build(), state));

        // when it is archived
        Decision<Doc> archived = DocCommands.KIND.apply(command(DocAction.ARCHIVE, "team-a").build(), state);

        // then the new name stays
        assertThat(archived).isInstanceOfSatisfying(Decision.Written.class, w -> assertThat(w.after())
                .isEqualTo(new Doc("doc-1", "team-a", "edited", CODE, true, CREATED, NOW)));
    }

    @Test
    void shouldAnswerNotFoundForADocDeletedMeanwhileAndForAnotherTeamsDoc() {
        // given the doc deleted
        Decision<Doc> deleted = DocCommands.KIND.apply(command(DocAction.DELETE, "team-a").build(), state);
        assertThat(deleted).isEqualTo(new Decision.Written<>(DOC, null));

        // when another team archives it, and then it is archived after the delete
        Decision<Doc> otherTeam = DocCommands.KIND.apply(command(DocAction.ARCHIVE, "team-b").build(), state);
        state.wrote(deleted);
        Decision<Doc> afterDelete = DocCommands.KIND.apply(command(DocAction.ARCHIVE, "team-a").build(), state);

        // then both are not found
        assertThat(otherTeam).isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.result()).isEqualTo(CommandResult.NOT_FOUND));
        assertThat(afterDelete).isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.result()).isEqualTo(CommandResult.NOT_FOUND));
    }

    @Test
    void shouldRefuseACreateOfAnIdThatExists() {
        // when a doc with an existing id is created
        Decision<Doc> created = DocCommands.KIND.apply(command(DocAction.CREATE, "team-a").setDoc(DOC).build(), state);

        // then it is a conflict
        assertThat(created).isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.result()).isEqualTo(CommandResult.CONFLICT));
    }

    @Test
    void shouldPutADocsCommandsOnThePartitionItsRecordsHaveAlwaysBeenWrittenTo() {
        // given doc ids as the API makes them; then the commands' partition is the default partitioner's for the key
        for (int i = 0; i < 100; i++) {
            String id = UUID.randomUUID().toString();
            DocCommand command = DocCommand.newBuilder(command(DocAction.ARCHIVE, "team-a").build()).setDocId(id).build();
            assertThat(DocCommands.KIND.partition(command))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), Topics.DOCS.partitions()));
        }
    }

    private static DocCommand.Builder command(DocAction action, String team) {
        return DocCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setDocId("doc-1").setTeamId(team).setAction(action)
                .setIssuedBy("gateway").setIssuedAt(NOW);
    }
}
