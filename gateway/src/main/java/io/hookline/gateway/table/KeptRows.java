package io.hookline.gateway.table;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write-back rows the gateway keeps in memory to answer reads: per team, over all its tables,
 * at most {@code maxRows} rows and {@code maxBytes} bytes, newest kept. The bound is enforced as each
 * batch is read from the topic (which keeps 30 days), so one team writing a lot costs the heap at
 * most its own bound and never evicts another team's rows. A batch is kept or dropped whole (one
 * larger than the bound, which the quota refuses to write, is not kept at all).
 */
final class KeptRows {

    /** One write: the rows' JSON array, its row count and its size in bytes. */
    record Batch(String table, String rowsJson, int rows, long bytes, Instant writtenAt) {
    }

    /**
     * What a read of one table sees: its batches, oldest first, and, when the bound dropped batches
     * of the team, when the newest of those was written (rows written up to then may be missing).
     */
    record Table(List<Batch> batches, Instant droppedUpTo) {

        boolean truncated() {
            return droppedUpTo != null;
        }
    }

    private final long maxRows;
    private final long maxBytes;
    private final Map<String, Team> teams = new ConcurrentHashMap<>();

    KeptRows(long maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Adds the team's newest batch, dropping its oldest batches while the team is over the bound. */
    void add(String teamId, Batch batch) {
        Team team = teams.computeIfAbsent(teamId, t -> new Team());
        synchronized (team) {
            team.order.addLast(batch);
            team.tables.computeIfAbsent(batch.table(), t -> new ArrayDeque<>()).addLast(batch);
            team.rows += batch.rows();
            team.bytes += batch.bytes();
            while (!team.order.isEmpty() && (team.rows > maxRows || team.bytes > maxBytes)) {
                team.dropOldest();
            }
        }
    }

    Table table(String teamId, String table) {
        Team team = teams.get(teamId);
        if (team == null) {
            return new Table(List.of(), null);
        }
        synchronized (team) {
            ArrayDeque<Batch> batches = team.tables.get(table);
            return new Table(batches == null ? List.of() : List.copyOf(batches), team.droppedUpTo);
        }
    }

    /** Rows and bytes the team holds in memory now. */
    long[] held(String teamId) {
        Team team = teams.get(teamId);
        if (team == null) {
            return new long[] {0, 0};
        }
        synchronized (team) {
            return new long[] {team.rows, team.bytes};
        }
    }

    /** One team's batches in the order they were read, and each table's share of them. Guarded by itself. */
    private static final class Team {

        private final ArrayDeque<Batch> order = new ArrayDeque<>();
        private final Map<String, ArrayDeque<Batch>> tables = new HashMap<>();
        private long rows;
        private long bytes;
        private Instant droppedUpTo;

        private void dropOldest() {
            Batch oldest = order.removeFirst();
            ArrayDeque<Batch> table = tables.get(oldest.table());
            // the team's oldest batch is also the oldest of its table: both are in read order
            table.removeFirst();
            if (table.isEmpty()) {
                tables.remove(oldest.table());
            }
            rows -= oldest.rows();
            bytes -= oldest.bytes();
            // partitions interleave, so read order is only roughly time order
            droppedUpTo = droppedUpTo == null || oldest.writtenAt().isAfter(droppedUpTo) ? oldest.writtenAt() : droppedUpTo;
        }
    }
}
