package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.embedded.EmbeddedKafka;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole platform on a real 3-broker KRaft cluster (as {@code ./hookline dev-cluster} starts it) instead of one broker. */
class ClusterIT {

    @TempDir
    static Path data;

    static EmbeddedKafka cluster;
    static TestReceiver receiver;
    static Standalone hookline;
    static HooklineClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = EmbeddedKafka.startCluster(data.resolve("cluster"), 0, 3);
        receiver = TestReceiver.https();
        Map<String, Object> properties = new HashMap<>(StandaloneIT.testProperties(data.resolve("hookline"), receiver));
        properties.put("hookline.kafka.bootstrap-servers", cluster.bootstrapServers());
        hookline = Standalone.start(properties);
        client = new HooklineClient(hookline.baseUrl(), Files.readString(data.resolve("hookline/owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
        cluster.close();
    }

    @Test
    void shouldCreateEveryTopicWithThreeReplicasOfWhichTwoMustHaveAWrite() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            // the catalog's topics and the router's store changelogs: its webhooks, their tenants, the ids it routed
            List<String> names = new java.util.ArrayList<>(Topics.all().stream().map(Topic::name).toList());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> changelogs(admin).size() == 3);
            names.addAll(changelogs(admin));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(30, TimeUnit.SECONDS);
            for (String name : names) {
                assertThat(topics.get(name).partitions()).as(name).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas").value())
                        .as(name).isEqualTo("2");
            }
            // the routed ids expire by time, with no tombstones: their window store's changelog deletes old segments
            assertThat(configs.entrySet()).filteredOn(e -> e.getKey().name().endsWith("-router-seen-ids-changelog")).singleElement()
                    .satisfies(e -> assertThat(e.getValue().get("cleanup.policy").value()).isEqualTo("compact,delete"));
        }
    }

    @Test
    void shouldKeepDeliveringWhileOneBrokerIsDown() {
        // given a verified webhook
        String path = "/hooks/" + UUID.randomUUID();
        HooklineClient.Response created = client.post("/v4/webhooks",
                "{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"acronym.created\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().path("status").asString()).isEqualTo("active");
        String webhookId = created.data().path("id").asString();

        // when a broker stops and an event is posted
        cluster.stopNode(2);
        try {
            HooklineClient.Response accepted = client.post("/v4/events", "{\"type\": \"acronym.created\", \"data\": "
                    + sample("acronym.created") + "}");

            // then the two brokers left (a majority of the controllers, min.insync.replicas of every partition) carry it through
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(StandaloneIT.awaitRequest(receiver, path, "acronym.created").body()).contains("\"webhook_id\":\"" + webhookId + "\"");
        } finally {
            cluster.startNode(2);
        }
    }

    private static List<String> changelogs(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith("hookline-router-") && name.endsWith("-changelog")).toList();
    }

    private static String sample(String type) {
        for (tools.jackson.databind.JsonNode t : client.get("/v4/event-types").data()) {
            if (t.path("type").asString().equals(type)) {
                return t.path("sample").toString();
            }
        }
        throw new AssertionError("No sample for " + type);
    }
}
