package io.tickwarden.feed.broker;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.domain.Tick;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One open ticker socket of a broker, speaking its protocol: subscriptions with modes, decoded ticks, errors and
 * the close. Callbacks run on the socket's event loop; the methods are non-blocking.
 */
public interface BrokerSocket {

    /** What a socket tells its owner. */
    interface Listener {
        /** Any frame arrived (ticks or a heartbeat): the socket is alive. Called before {@link #onTicks}. */
        void onFrame(BrokerSocket socket);

        /**
         * Decoded ticks of one frame, part by part as they are decoded ({@code part} of {@code parts}, in frame
         * order), so the first ticks are published before the last are decoded. Returns false to drop the rest of
         * the frame (the socket was replaced meanwhile).
         */
        boolean onTicks(BrokerSocket socket, List<Tick> ticks, int part, int parts);

        /** The broker said something went wrong (Kite: a text message with an error), safe to show. */
        void onError(BrokerSocket socket, String message);

        /** Closed, by either side; reported once. */
        void onClosed(BrokerSocket socket, String why);
    }

    /** Subscribes the tokens in their modes, batched as the broker wants. */
    void subscribe(Map<Long, TickMode> modes, int batchSize);

    void unsubscribe(Collection<Long> tokens, int batchSize);

    boolean isOpen();

    /** Closes from our side (the listener still hears of it once); completes when the close is sent. */
    Future<Void> close(String why);
}
