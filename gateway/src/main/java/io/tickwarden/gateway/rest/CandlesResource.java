package io.tickwarden.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.feed.FeedCandle;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.edge.ErrorBody;
import io.tickwarden.gateway.domain.Candle;
import io.tickwarden.gateway.domain.CandleAggregation;
import io.tickwarden.gateway.domain.CandleQuery;
import io.tickwarden.gateway.domain.SymbolFormat;
import io.tickwarden.gateway.service.InstrumentCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * OHLCV candles of one symbol from the feed's 1-minute candles ({@code feed:candles:<symbol>:<IST day>}), 5m and
 * 15m aggregated here on IST boundaries. Candles exist only for what the feed held (demanded or on its watchlist).
 */
@Path("/api/candles")
@Produces(MediaType.APPLICATION_JSON)
public class CandlesResource {

    private static final Logger LOG = Logger.getLogger(CandlesResource.class);
    /** As Jackson writes each candle's start, so from, to and start read alike. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final InstrumentCatalog catalog;
    private final Clock clock;

    CandlesResource(ReactiveRedisDataSource redis, ObjectMapper json, InstrumentCatalog catalog, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Candles: ?symbol=NSE:INFY&interval=1m|5m|15m&from=&to= (ISO-8601; default today IST)")
    public Uni<Response> candles(
            @QueryParam("symbol") String symbol,
            @QueryParam("interval") String interval,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (symbol == null || symbol.isBlank()) {
            return done(
                    error(400, GatewayErrorCodes.BAD_REQUEST, "symbol is required, e.g. ?symbol=NSE:INFY&interval=5m"));
        }
        var malformed = SymbolFormat.problem(symbol);
        if (malformed.isPresent()) {
            return done(error(
                    400, GatewayErrorCodes.INVALID_SYMBOL, SymbolFormat.printable(symbol) + ": " + malformed.get()));
        }
        var refused = catalog.check(symbol);
        if (refused.isPresent()) {
            return done(error(
                    404, refused.get().reason(), symbol + ": " + refused.get().message()));
        }
        CandleQuery.Parsed parsed = CandleQuery.parse(interval, from, to, clock.instant());
        if (parsed instanceof CandleQuery.Invalid invalid) {
            return done(error(400, GatewayErrorCodes.BAD_REQUEST, invalid.message()));
        }
        CandleQuery query = ((CandleQuery.Ok) parsed).query();
        List<Uni<List<Candle>>> days =
                query.days().stream().map(day -> day(symbol, day, query)).toList();
        return Uni.join()
                .all(days)
                .andFailFast()
                .map(perDay -> Response.ok(body(
                                symbol,
                                query,
                                perDay.stream().flatMap(List::stream).toList()))
                        .build())
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("candles of %s unavailable: %s", symbol, e.toString());
                    return error(503, "unavailable", "candles unavailable: Redis did not answer");
                });
    }

    private Uni<List<Candle>> day(String symbol, LocalDate day, CandleQuery query) {
        return redis.hash(String.class)
                .hgetall(FeedRedisNames.candlesKey(symbol, day.toString()))
                .map(fields -> {
                    Map<String, FeedCandle> minutes = new HashMap<>(fields.size() * 2);
                    fields.forEach((minute, value) -> {
                        try {
                            java.time.LocalTime.parse(minute);
                            minutes.put(minute, json.readValue(value, FeedCandle.class));
                        } catch (JsonProcessingException | java.time.DateTimeException e) {
                            // One unreadable field must not hide the rest of the day; the feed rewrites it within a
                            // second.
                            LOG.warnf("skipping unreadable candle %s %s %s: %s", symbol, day, minute, e.getMessage());
                        }
                    });
                    return CandleAggregation.aggregate(day, minutes, query.interval()).stream()
                            .filter(query::covers)
                            .toList();
                });
    }

    private static Map<String, Object> body(String symbol, CandleQuery q, List<Candle> candles) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("symbol", symbol);
        b.put("interval", q.interval().label());
        b.put("from", ISO.format(q.from().atZone(CandleAggregation.IST)));
        b.put("to", ISO.format(q.to().atZone(CandleAggregation.IST)));
        b.put("candles", candles.stream().map(Candle::toMessage).toList());
        return b;
    }

    private static Uni<Response> done(Response r) {
        return Uni.createFrom().item(r);
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(code, message))
                .build();
    }
}
