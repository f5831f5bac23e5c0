package io.tickwarden.gateway.service;

import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.gateway.domain.RecoveryRule.StreamId;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** Reads the entries of feed-service's history streams ({@code feed:history:<symbol>}) out of a Redis answer. */
final class HistoryEntries {

    /** One entry: its ID ({@code <epoch>-<n>} of the tick's seq) and the tick JSON (null if the field is missing). */
    record Entry(StreamId id, String json) {}

    private HistoryEntries() {}

    /** Entries of an XRANGE/XREVRANGE answer: {@code [[id, [field, value, ...]], ...]}. */
    static List<Entry> parse(Response r) {
        if (r == null) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            Response e = r.get(i);
            StreamId id = StreamId.parse(e.get(0).toString()).orElse(null);
            if (id == null) {
                continue;
            }
            String json = null;
            Response fields = e.get(1);
            for (int f = 0; f + 1 < fields.size(); f += 2) {
                if (FeedRedisNames.HISTORY_FIELD.equals(fields.get(f).toString())) {
                    json = fields.get(f + 1).toString();
                }
            }
            out.add(new Entry(id, json));
        }
        return out;
    }
}
