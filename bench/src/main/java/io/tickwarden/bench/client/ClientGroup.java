package io.tickwarden.bench.client;

import java.util.List;

/** A set of load clients whose receipts the soak watches (raw Vert.x sockets or the Java client library). */
public interface ClientGroup {

    List<ClientStats> stats();
}
