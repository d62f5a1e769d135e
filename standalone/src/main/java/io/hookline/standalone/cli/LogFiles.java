package io.hookline.standalone.cli;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The delivery log as files that analysts open directly: an Avro object container file with the
 * shipped {@code DeliveryAttempt} schema, or Parquet, written by an embedded DuckDB from the same
 * fields as the JSON lines (so the formats cannot disagree) with typed columns: timestamps as UTC
 * timestamps, counts as integers, headers as maps.
 */
final class LogFiles {

    /** The Parquet file's columns, in the JSON lines' order. */
    static final String COLUMNS = "{attemptedAt: 'TIMESTAMPTZ', attemptId: 'VARCHAR', deliveryId: 'VARCHAR', webhookId: 'VARCHAR', "
            + "tenantId: 'VARCHAR', eventId: 'VARCHAR', eventType: 'VARCHAR', attempt: 'INTEGER', trigger: 'VARCHAR', status: 'VARCHAR', "
            + "responseCode: 'INTEGER', durationMs: 'BIGINT', url: 'VARCHAR', error: 'VARCHAR', nextAttemptAt: 'TIMESTAMPTZ', "
            + "requestHeaders: 'MAP(VARCHAR, VARCHAR)', requestBody: 'VARCHAR', responseHeaders: 'MAP(VARCHAR, VARCHAR)', "
            + "responseBody: 'VARCHAR'}";

    private LogFiles() {
    }

    /** Writes attempts to one file; the file is complete once closed. */
    interface Writer extends AutoCloseable {

        void write(DeliveryAttempt attempt);

        @Override
        void close();
    }

    static Writer avro(Path output) {
        DataFileWriter<DeliveryAttempt> file = new DataFileWriter<>(new SpecificDatumWriter<>(DeliveryAttempt.class));
        file.setCodec(CodecFactory.deflateCodec(6));
        try {
            file.create(DeliveryAttempt.getClassSchema(), output.toFile());
        } catch (IOException e) {
            throw new CliException("cannot write " + output + ": " + e.getMessage());
        }
        return new Writer() {
            @Override
            public void write(DeliveryAttempt attempt) {
                try {
                    file.append(attempt);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                try {
                    file.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Parquet: the attempts go to a temporary JSON lines file first, which DuckDB then reads with the typed columns. */
    static Writer parquet(Path output) {
        Path lines;
        BufferedWriter buffer;
        try {
            Files.deleteIfExists(output);
            lines = Files.createTempFile("hookline-log-", ".jsonl");
            buffer = Files.newBufferedWriter(lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + output + ": " + e.getMessage());
        }
        return new Writer() {
            @Override
            public void write(DeliveryAttempt attempt) {
                try {
                    buffer.write(LogCommand.json(attempt));
                    buffer.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                try {
                    buffer.close();
                    convert(lines, output);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    try {
                        Files.deleteIfExists(lines);
                    } catch (IOException e) {
                        lines.toFile().deleteOnExit();
                    }
                }
            }
        };
    }

    private static void convert(Path lines, Path output) {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            // everything it needs is built in: it must never reach for the network to fetch an extension
            sql.execute("SET autoinstall_known_extensions = false");
            sql.execute("COPY (SELECT * FROM read_json(" + literal(lines) + ", format = 'newline_delimited', columns = " + COLUMNS
                    + ")) TO " + literal(output) + " (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException e) {
            throw new CliException("cannot write " + output + " as Parquet: " + e.getMessage());
        }
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
