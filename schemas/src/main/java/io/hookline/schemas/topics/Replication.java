package io.hookline.schemas.topics;

/** How many copies of each partition a topic keeps, and how many must have a write before it is acknowledged. */
public record Replication(short factor, int minInSyncReplicas) {

    public Replication {
        if (factor < 1 || minInSyncReplicas < 1 || minInSyncReplicas > factor) {
            throw new IllegalArgumentException("replication factor " + factor + " with min.insync.replicas " + minInSyncReplicas);
        }
    }

    /** A configured factor: a majority of the copies must be in sync (2 of 3, 3 of 5), one of one or two. */
    public static Replication of(int factor) {
        if (factor < 1 || factor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("hookline.kafka.replication-factor must be positive, got " + factor);
        }
        return new Replication((short) factor, factor <= 2 ? 1 : factor / 2 + 1);
    }

    /** The default for a cluster of that many brokers: 3 copies where there are 3, else one per broker. */
    public static Replication forBrokers(int brokers) {
        return of(Math.max(1, Math.min(3, brokers)));
    }
}
