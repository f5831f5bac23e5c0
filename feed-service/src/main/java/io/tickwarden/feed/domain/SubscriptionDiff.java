package io.tickwarden.feed.domain;

import io.tickwarden.contracts.feed.TickMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to send on an open socket to go from the subscriptions it holds to the wanted ones: {@code add} holds new
 * tokens and tokens whose mode changed (a subscribe plus a mode message), {@code remove} tokens no longer wanted.
 */
public record SubscriptionDiff(Map<Long, TickMode> add, List<Long> remove) {

    public static SubscriptionDiff between(Map<Long, TickMode> sent, Map<Long, TickMode> wanted) {
        Map<Long, TickMode> add = new LinkedHashMap<>();
        wanted.forEach((token, m) -> {
            if (sent.get(token) != m) {
                add.put(token, m);
            }
        });
        List<Long> remove =
                sent.keySet().stream().filter(t -> !wanted.containsKey(t)).toList();
        return new SubscriptionDiff(add, remove);
    }

    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty();
    }
}
