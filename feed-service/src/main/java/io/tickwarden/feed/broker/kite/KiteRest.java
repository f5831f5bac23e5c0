package io.tickwarden.feed.broker.kite;

import com.zerodhatech.kiteconnect.KiteConnect;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.TokenException;
import com.zerodhatech.models.Instrument;
import com.zerodhatech.models.Quote;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.config.KiteSettings;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Kite REST through the official client (kiteconnect, already pointed at KITE_API_URL by {@link KiteSettings}):
 * the instruments dump and /quote for the fallback. Blocking: call from worker threads only. kiteconnect's
 * {@code KiteException} is a Throwable with a null {@code getMessage()}; it is turned into {@link BrokerCallException}
 * with a message that never holds the token.
 */
@Singleton
class KiteRest {

    private final KiteSettings kite;

    KiteRest(KiteSettings kite) {
        this.kite = kite;
    }

    Map<String, Quote> quotes(String accessToken, List<String> instruments) throws BrokerCallException {
        KiteConnect client = client(accessToken);
        try {
            return client.getQuote(instruments.toArray(String[]::new));
        } catch (KiteException e) {
            throw failure(e);
        } catch (Exception e) {
            throw new BrokerCallException(0, false, e.getClass().getSimpleName());
        }
    }

    List<Instrument> instruments(String accessToken) throws BrokerCallException {
        KiteConnect client = client(accessToken);
        try {
            return client.getInstruments();
        } catch (KiteException e) {
            throw failure(e);
        } catch (Exception e) {
            throw new BrokerCallException(0, false, e.getClass().getSimpleName());
        }
    }

    private KiteConnect client(String accessToken) {
        KiteConnect client = new KiteConnect(kite.apiKey());
        client.setAccessToken(accessToken);
        return client;
    }

    /** kiteconnect's exception in our terms: the code, whether it was a TokenException, a message without the token. */
    private static BrokerCallException failure(KiteException e) {
        String type = e.getClass().getSimpleName();
        String message = e.message == null ? type : type + ": " + e.message;
        return new BrokerCallException(e.code, e instanceof TokenException, message);
    }
}
