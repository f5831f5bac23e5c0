package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.kitesim.service.QuoteRateLimiter;
import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.Instrument;
import io.tickwarden.sim.QuoteSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /quote}, {@code /quote/ltp}, {@code /quote/ohlc}: repeated {@code i=} (EXCHANGE:SYMBOL or a bare token),
 * keyed in the answer exactly as requested; unknown instruments are simply absent. At most 500 instruments on
 * {@code /quote} and 1000 on the others; 1 request/s per api_key across the three (429 NetworkException).
 */
@Path("/quote")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    private final KiteAuth auth;
    private final MarketService market;
    private final QuoteRateLimiter rateLimiter;

    QuoteResource(KiteAuth auth, MarketService market, QuoteRateLimiter rateLimiter) {
        this.auth = auth;
        this.market = market;
        this.rateLimiter = rateLimiter;
    }

    @GET
    public Response quote(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("i") List<String> instruments) {
        return answer(authorization, instruments, 500, this::full);
    }

    @GET
    @Path("/ltp")
    public Response ltp(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("i") List<String> instruments) {
        return answer(authorization, instruments, 1000, s -> {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("instrument_token", s.token());
            q.put("last_price", price(s, s.lastPrice()));
            return q;
        });
    }

    @GET
    @Path("/ohlc")
    public Response ohlc(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("i") List<String> instruments) {
        return answer(authorization, instruments, 1000, s -> {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("instrument_token", s.token());
            q.put("last_price", price(s, s.lastPrice()));
            q.put("ohlc", ohlcOf(s));
            return q;
        });
    }

    private Response answer(
            String authorization,
            List<String> instruments,
            int limit,
            Function<QuoteSnapshot, Map<String, Object>> shape) {
        String apiKey = auth.require(authorization);
        if (instruments == null || instruments.isEmpty()) {
            throw KiteApiException.input("No instruments given. Pass one or more `i` parameters.");
        }
        if (instruments.size() > limit) {
            throw KiteApiException.input("Too many instruments: at most " + limit + " per request.");
        }
        if (!rateLimiter.tryAcquire(apiKey)) {
            throw KiteApiException.rateLimited();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String requested : instruments) {
            market.model()
                    .catalog()
                    .resolve(requested)
                    .map(market.model()::snapshot)
                    .ifPresent(s -> data.put(requested, shape.apply(s)));
        }
        return KiteResponses.success(data);
    }

    private Map<String, Object> full(QuoteSnapshot s) {
        Instrument in = s.instrument();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("instrument_token", s.token());
        q.put("timestamp", KiteResponses.kiteTime(s.exchangeTimestamp()));
        q.put("last_trade_time", in.isIndex() ? null : KiteResponses.kiteTime(s.lastTradeTime()));
        q.put("last_price", price(s, s.lastPrice()));
        q.put("last_quantity", s.lastQuantity());
        q.put("buy_quantity", s.buyQuantity());
        q.put("sell_quantity", s.sellQuantity());
        q.put("volume", s.volume());
        q.put("average_price", price(s, s.averagePrice()));
        q.put("oi", s.oi());
        q.put("oi_day_high", s.oiDayHigh());
        q.put("oi_day_low", s.oiDayLow());
        q.put("net_change", price(s, s.changeUnits()));
        long band = s.close() / 10;
        q.put("lower_circuit_limit", price(s, Math.max(0, s.close() - band)));
        q.put("upper_circuit_limit", price(s, s.close() + band));
        q.put("ohlc", ohlcOf(s));
        Map<String, Object> depth = new LinkedHashMap<>();
        depth.put("buy", depthOf(s, s.bids()));
        depth.put("sell", depthOf(s, s.asks()));
        q.put("depth", depth);
        return q;
    }

    private static Map<String, Object> ohlcOf(QuoteSnapshot s) {
        Map<String, Object> ohlc = new LinkedHashMap<>();
        ohlc.put("open", price(s, s.open()));
        ohlc.put("high", price(s, s.high()));
        ohlc.put("low", price(s, s.low()));
        ohlc.put("close", price(s, s.close()));
        return ohlc;
    }

    private static List<Map<String, Object>> depthOf(QuoteSnapshot s, List<DepthLevel> levels) {
        List<Map<String, Object>> out = new ArrayList<>(levels.size());
        for (DepthLevel d : levels) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("price", price(s, d.priceUnits()));
            level.put("quantity", d.quantity());
            level.put("orders", d.orders());
            out.add(level);
        }
        return out;
    }

    private static double price(QuoteSnapshot s, long units) {
        return s.instrument().price(units);
    }
}
