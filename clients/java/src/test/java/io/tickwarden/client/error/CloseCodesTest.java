package io.tickwarden.client.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CloseCodesTest {

    @Test
    void slowConsumerIsRetriedAndSaysHowToRecover() {
        TickwardenException e = CloseCodes.fromClose(
                GatewayCloseCodes.SLOW_CONSUMER,
                "slow consumer: 20000 ticks behind with delivery=all; reconnect with positions to recover");
        assertInstanceOf(SlowConsumerException.class, e);
        assertTrue(e.retryable());
        assertEquals(OptionalInt.of(4008), e.closeCode());
        assertTrue(e.getMessage().contains("20000 ticks behind"), e.getMessage());
        assertTrue(e.getMessage().contains("delivery=latest"), e.getMessage());
    }

    @Test
    void eachCloseCodeHasItsTypeAndRetryPolicy() {
        assertRetry(FloodException.class, true, CloseCodes.fromClose(4029, "flood"));
        assertRetry(MessageTooBigException.class, false, CloseCodes.fromClose(1009, "message larger than 16384 bytes"));
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromClose(1001, "server shutting down"));
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromClose(1011, ""));
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromClose(CloseCodes.NO_CLOSE_FRAME, null));
        assertRetry(RejectedException.class, false, CloseCodes.fromClose(1008, "unknown delivery 'some'"));
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromClose(4999, "new code"));
        String goingAway = CloseCodes.fromClose(1001, "server shutting down").getMessage();
        assertTrue(goingAway.contains("1001 server shutting down") && goingAway.contains("reconnecting"), goingAway);
    }

    @Test
    void failuresAreUnwrappedFromTheJdkFutures() {
        TickwardenException refused = CloseCodes.fromFailure(
                new CompletionException(new ExecutionException(new ConnectException("Connection refused"))));
        assertRetry(ConnectionLostException.class, true, refused);
        assertTrue(refused.getMessage().contains("Connection refused"), refused.getMessage());
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromFailure(new HttpTimeoutException("t")));
        String noMessage = CloseCodes.fromFailure(new CompletionException(new ConnectException()))
                .getMessage();
        assertTrue(noMessage.contains("refused or unreachable"), noMessage);
        assertRetry(ConnectionLostException.class, true, CloseCodes.fromFailure(new IOException("reset")));
        GatewayErrorException already = new GatewayErrorException("bad_json", "x");
        assertEquals(already, CloseCodes.fromFailure(new CompletionException(already)));
    }

    @Test
    void authenticationIsFinalAndNeverLeaksTheKey() {
        AuthenticationException e = new AuthenticationException(401);
        assertFalse(e.retryable());
        assertEquals(OptionalInt.empty(), e.closeCode());
        assertTrue(e.getMessage().contains("GATEWAY_API_KEYS"), e.getMessage());
    }

    private static void assertRetry(Class<? extends TickwardenException> type, boolean retry, TickwardenException e) {
        assertInstanceOf(type, e, e::toString);
        assertEquals(retry, e.retryable(), e::toString);
    }
}
