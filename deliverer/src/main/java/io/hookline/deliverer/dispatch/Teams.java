package io.hookline.deliverer.dispatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The dispatcher's ready endpoints, grouped by team so that teams take turns for global slots: round
 * robin over teams, then over a team's endpoints. A team at its share of the slots is passed over
 * while another team is waiting, so a team with a thousand busy endpoints cannot crowd out a team
 * with one. Each team also counts what it has buffered and how fast it finishes work, from which
 * the dispatcher decides how long overflow waits. Not thread-safe: the dispatcher holds its lock.
 *
 * @param <E> an endpoint
 */
final class Teams<E> {

    private static final long SECOND = 1_000_000_000L;
    /** A team that handed over work this recently counts as present, so that others make room for it. */
    static final long ACTIVE_NANOS = 300 * SECOND;

    /** One team's share of the dispatcher. */
    static final class Team<E> {
        final String id;
        final ArrayDeque<E> ready = new ArrayDeque<>();
        int inFlight;
        int buffered;
        boolean waiting;
        /** Until when the team's latest overflowing unit waits: the next one comes back after it. */
        java.time.Instant overflowCursor;
        long lastSeen;
        private double finishedPerSecond;
        private boolean measuring;
        private long windowStart;
        private int finishedInWindow;

        Team(String id) {
            this.id = id;
        }

        /** Recent completions per second (0 until a first second has passed). */
        double finishedPerSecond() {
            return finishedPerSecond;
        }
    }

    private final Map<String, Team<E>> teams = new HashMap<>();
    /** Teams with ready endpoints, in turn order. */
    private final ArrayDeque<Team<E>> turns = new ArrayDeque<>();
    private final int maxInFlightPerTeam;

    Teams(int maxInFlightPerTeam) {
        this.maxInFlightPerTeam = maxInFlightPerTeam;
    }

    Team<E> team(String id) {
        return teams.computeIfAbsent(id, Team::new);
    }

    /** The team handed over work at {@code nanoTime}. */
    void seen(Team<E> team, long nanoTime) {
        team.lastSeen = nanoTime;
    }

    /**
     * Whether another team handed over work within {@link #ACTIVE_NANOS}: only then do per-team
     * buffer bounds apply, so that a deployment of one team keeps its whole buffer.
     */
    boolean othersActive(Team<E> team, long nanoTime) {
        for (Team<E> other : teams.values()) {
            if (other != team && nanoTime - other.lastSeen < ACTIVE_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** The endpoint has work and a free slot of its own: it waits for a global one. */
    void ready(Team<E> team, E endpoint) {
        team.ready.addLast(endpoint);
        if (!team.waiting) {
            team.waiting = true;
            turns.addLast(team);
        }
    }

    void remove(Team<E> team, E endpoint) {
        team.ready.remove(endpoint);
        if (team.ready.isEmpty() && team.waiting) {
            team.waiting = false;
            turns.remove(team);
        }
    }

    boolean isEmpty() {
        return turns.isEmpty();
    }

    /**
     * The next endpoint to take a global slot, removed from the ready ones: the first team in turn
     * that is under its share, or, when every waiting team is at its share, simply the first.
     */
    E next() {
        Team<E> team = null;
        for (Iterator<Team<E>> it = turns.iterator(); it.hasNext(); ) {
            Team<E> candidate = it.next();
            if (candidate.inFlight < maxInFlightPerTeam) {
                team = candidate;
                it.remove();
                break;
            }
        }
        if (team == null) {
            team = turns.pollFirst();
        }
        E endpoint = team.ready.pollFirst();
        if (team.ready.isEmpty()) {
            team.waiting = false;
        } else {
            turns.addLast(team);
        }
        return endpoint;
    }

    void started(Team<E> team) {
        team.inFlight++;
    }

    /** A unit of the team finished at {@code nanoTime}: frees its slot and feeds its rate. */
    void finished(Team<E> team, long nanoTime) {
        team.inFlight--;
        team.finishedInWindow++;
        long elapsed = nanoTime - team.windowStart;
        if (!team.measuring) {
            team.measuring = true;
            team.windowStart = nanoTime;
            team.finishedInWindow = 0;
        } else if (elapsed >= SECOND) {
            double rate = team.finishedInWindow * (double) SECOND / elapsed;
            team.finishedPerSecond = team.finishedPerSecond == 0 ? rate : (team.finishedPerSecond + rate) / 2;
            team.windowStart = nanoTime;
            team.finishedInWindow = 0;
        }
    }

    /** Drops the teams that hold nothing and were not seen for a while, so that teams seen once do not stay in memory. */
    void prune(long nanoTime) {
        teams.values().removeIf(team -> team.inFlight == 0 && team.buffered == 0 && !team.waiting
                && nanoTime - team.lastSeen >= ACTIVE_NANOS);
    }
}
