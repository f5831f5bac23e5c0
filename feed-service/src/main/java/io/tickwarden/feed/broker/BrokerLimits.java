package io.tickwarden.feed.broker;

/**
 * What a broker allows per api_key. The pool never holds more than {@code socketsPerKey} sockets (counting every
 * replica: only the lease holder holds any) nor more than {@code instrumentsPerSocket} on one socket; the REST
 * fallback asks for at most {@code instrumentsPerQuoteCall} per call and spaces calls by the shared permit.
 */
public record BrokerLimits(
        int socketsPerKey, int instrumentsPerSocket, int instrumentsPerQuoteCall, double quoteRequestsPerSecond) {

    public BrokerLimits {
        if (socketsPerKey < 1
                || instrumentsPerSocket < 1
                || instrumentsPerQuoteCall < 1
                || quoteRequestsPerSecond <= 0) {
            throw new IllegalArgumentException("broker limits must be positive: " + socketsPerKey + " sockets, "
                    + instrumentsPerSocket + " per socket, " + instrumentsPerQuoteCall + " per quote call, "
                    + quoteRequestsPerSecond + " quote calls/s");
        }
    }

    /** Instruments the whole pool can hold. */
    public int capacity() {
        return socketsPerKey * instrumentsPerSocket;
    }
}
