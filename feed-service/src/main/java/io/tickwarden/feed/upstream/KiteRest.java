package io.tickwarden.feed.upstream;

import com.zerodhatech.kiteconnect.KiteConnect;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.TokenException;
import com.zerodhatech.models.Instrument;
import com.zerodhatech.models.Quote;
import io.tickwarden.feed.config.KiteSettings;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Kite REST through the official client (kiteconnect, already pointed at KITE_API_URL by {@link KiteSettings}):
 * the instruments dump and /quote for the fallback. Blocking: call from worker threads only. kiteconnect's
 * {@code KiteException} is a Throwable with a null {@code getMessage()}; it is turned into {@link KiteCallException}
 * with a message that never holds the token.
 */
@Singleton
public class KiteRest {

    private final KiteSettings kite;

    KiteRest(KiteSettings kite) {
        this.kite = kite;
    }

    public Map<String, Quote> quotes(String accessToken, List<String> instruments) throws KiteCallException {
        KiteConnect client = client(accessToken);
        try {
            return client.getQuote(instruments.toArray(String[]::new));
        } catch (KiteException e) {
            throw KiteCallException.of(e);
        } catch (Exception e) {
            throw new KiteCallException(0, false, e.getClass().getSimpleName());
        }
    }

    public List<Instrument> instruments(String accessToken) throws KiteCallException {
        KiteConnect client = client(accessToken);
        try {
            return client.getInstruments();
        } catch (KiteException e) {
            throw KiteCallException.of(e);
        } catch (Exception e) {
            throw new KiteCallException(0, false, e.getClass().getSimpleName());
        }
    }

    private KiteConnect client(String accessToken) {
        KiteConnect client = new KiteConnect(kite.apiKey());
        client.setAccessToken(accessToken);
        return client;
    }

    /** A failed Kite REST call. {@code tokenRejected}: Kite said TokenException (403). */
    public static final class KiteCallException extends Exception {
        private final int code;
        private final boolean tokenRejected;

        public KiteCallException(int code, boolean tokenRejected, String message) {
            super(message);
            this.code = code;
            this.tokenRejected = tokenRejected;
        }

        static KiteCallException of(KiteException e) {
            String type = e.getClass().getSimpleName();
            String message = e.message == null ? type : type + ": " + e.message;
            return new KiteCallException(e.code, e instanceof TokenException, message);
        }

        public int code() {
            return code;
        }

        public boolean tokenRejected() {
            return tokenRejected;
        }
    }
}
