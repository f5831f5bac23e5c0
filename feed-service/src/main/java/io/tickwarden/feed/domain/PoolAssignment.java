package io.tickwarden.feed.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which socket of the pool holds each instrument. Stable: an instrument that stays wanted keeps its socket, so
 * adding or removing demand never re-subscribes anything else; new instruments go to the lowest socket with room
 * (first fit), so demand is spread over as few sockets as it needs. Pure.
 */
public final class PoolAssignment {

    /** Token to socket index, in the wanted order; tokens that found no room (only when over capacity). */
    public record Result(Map<Long, Integer> socketOf, List<Long> unplaced) {

        /** How many instruments each socket holds. */
        public int[] counts(int sockets) {
            int[] counts = new int[sockets];
            socketOf.values().forEach(s -> counts[s]++);
            return counts;
        }
    }

    private PoolAssignment() {}

    public static Result assign(Map<Long, Integer> previous, Collection<Long> wanted, int sockets, int perSocket) {
        int[] counts = new int[sockets];
        Map<Long, Integer> kept = new LinkedHashMap<>();
        for (Long token : wanted) {
            Integer s = previous.get(token);
            if (s != null && s < sockets) {
                kept.put(token, s);
                counts[s]++;
            }
        }
        Map<Long, Integer> out = new LinkedHashMap<>();
        List<Long> unplaced = new ArrayList<>();
        int firstWithRoom = 0;
        for (Long token : wanted) {
            Integer s = kept.get(token);
            if (s == null) {
                while (firstWithRoom < sockets && counts[firstWithRoom] >= perSocket) {
                    firstWithRoom++;
                }
                if (firstWithRoom == sockets) {
                    unplaced.add(token);
                    continue;
                }
                s = firstWithRoom;
                counts[s]++;
            }
            out.put(token, s);
        }
        return new Result(out, unplaced);
    }
}
