package io.tickwarden.client;

import io.tickwarden.contracts.feed.FeedTick;
import java.util.List;

/**
 * The latest quote of each newly subscribed symbol ({@code snapshot}). After a reconnect, a symbol gets a snapshot
 * only when it could not be recovered by position: the application must then treat it as a reload of that symbol
 * (ticks were missed), not as one more tick.
 *
 * @param mode    the subscription's mode ({@code ltp}, {@code quote}, {@code full})
 * @param quotes  one tick per symbol the gateway has a quote for
 * @param missing symbols it has no quote for yet
 */
public record Snapshot(String mode, List<FeedTick> quotes, List<String> missing) {

    public Snapshot {
        quotes = quotes == null ? List.of() : List.copyOf(quotes);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
