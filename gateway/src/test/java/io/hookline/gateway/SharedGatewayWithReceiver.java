package io.hookline.gateway;

import io.hookline.testsupport.TestReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** The shared gateway, its client, and an HTTPS receiver of the test class's own: the webhook ITs' fixture. */
abstract class SharedGatewayWithReceiver {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static GatewayTestApp app;
    static WebTestClient client;
    static TestReceiver receiver;

    @BeforeAll
    static void start() {
        app = GatewayTestApp.shared();
        client = app.client();
        receiver = TestReceiver.https();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }
}
