package io.hookline.gateway.table;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.topics.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write-back tables: the rows topic's view, the teams' DuckDB files it fills, the rows and SQL
 * endpoints. The store is closed after the view stops (the view depends on it).
 */
@Configuration(proxyBeanMethods = false)
public class TableConfiguration {

    /** With the gateway's other views: after topic creation, before the web server. */
    static final int VIEWS_PHASE = LifecyclePhases.VIEWS;

    @Bean
    TableStore gatewayTableStore(GatewayProperties properties, Environment environment) {
        return new TableStore(storeDir(properties.tables(), environment), properties.tables().storeMemory().toMegabytes() + "MB");
    }

    @Bean
    TableRowsView gatewayTableRowsView(KafkaConnection connection, GatewayProperties properties, TableStore gatewayTableStore,
            JsonMapper mapper, ObjectProvider<Clock> clock) {
        return new TableRowsView(connection, VIEWS_PHASE, properties.tables(), gatewayTableStore, mapper, clock(clock));
    }

    @Bean
    TableController gatewayTableController(TableRowsView gatewayTableRowsView, TableStore gatewayTableStore, GatewayPublisher publisher,
            JsonBodyReader bodies, JsonMapper mapper, ObjectProvider<Clock> clock, GatewayProperties properties) {
        return new TableController(gatewayTableRowsView, gatewayTableStore, publisher, bodies, mapper, clock(clock),
                properties.writeTimeout(), properties.tables());
    }

    @Bean
    SqlQueries gatewaySqlQueries(JsonMapper mapper, GatewayProperties properties) {
        GatewayProperties.Tables tables = properties.tables();
        return new SqlQueries(mapper, tables.queryTimeout(), tables.queryMaxRows(), tables.queryMaxBytes().toBytes(),
                tables.queryConcurrency());
    }

    @Bean
    SqlController gatewaySqlController(TableStore gatewayTableStore, SqlQueries gatewaySqlQueries, TableController gatewayTableController,
            JsonBodyReader bodies) {
        return new SqlController(gatewayTableStore, gatewaySqlQueries, gatewayTableController.reads(), bodies);
    }

    /** {@code hookline.gateway.tables.store-dir}, else {@code gateway-tables} under {@code hookline.data-dir}, else a temporary directory. */
    static Path storeDir(GatewayProperties.Tables tables, Environment environment) {
        if (tables.storeDir() != null) {
            return tables.storeDir();
        }
        String dataDir = environment.getProperty("hookline.data-dir");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "gateway-tables");
        }
        try {
            // the topic is the system of record: a fresh directory is filled from it at start-up
            return Files.createTempDirectory("hookline-gateway-tables");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the tables store", e);
        }
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }
}
