package io.tickwarden.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.edge.ErrorBody;
import io.tickwarden.gateway.domain.SymbolFormat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Latest quotes from {@code feed:quotes}, as feed-service stored them. */
@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuotesResource {

    static final int MAX_SYMBOLS = 500;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    QuotesResource(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @GET
    @Operation(summary = "Latest quotes: ?symbols=NSE:INFY,NSE:TCS (at most 500)")
    public Uni<Response> quotes(@QueryParam("symbols") String symbols) {
        if (symbols == null || symbols.isBlank()) {
            return Uni.createFrom().item(error(400, "symbols is required, e.g. ?symbols=NSE:INFY,NSE:TCS"));
        }
        Set<String> wanted = new LinkedHashSet<>();
        List<Map<String, String>> rejected = new ArrayList<>();
        for (String s : symbols.split(",")) {
            String symbol = s.trim();
            if (symbol.isEmpty()) {
                continue;
            }
            SymbolFormat.problem(symbol)
                    .ifPresentOrElse(
                            p -> rejected.add(Map.of(
                                    "symbol",
                                    SymbolFormat.printable(symbol),
                                    "reason",
                                    GatewayErrorCodes.INVALID_SYMBOL,
                                    "message",
                                    p)),
                            () -> wanted.add(symbol));
        }
        if (wanted.size() > MAX_SYMBOLS) {
            return Uni.createFrom().item(error(400, "at most " + MAX_SYMBOLS + " symbols per request"));
        }
        if (wanted.isEmpty()) {
            return Uni.createFrom()
                    .item(Response.ok(body(Map.of(), List.of(), rejected)).build());
        }
        return redis.hash(String.class)
                .hmget(FeedRedisNames.QUOTES_HASH, wanted.toArray(String[]::new))
                .map(found -> {
                    Map<String, Object> quotes = new LinkedHashMap<>();
                    List<String> missing = new ArrayList<>();
                    for (String symbol : wanted) {
                        String v = found.get(symbol);
                        Object parsed = v == null ? null : parse(v);
                        if (parsed == null) {
                            missing.add(symbol);
                        } else {
                            quotes.put(symbol, parsed);
                        }
                    }
                    return Response.ok(body(quotes, missing, rejected)).build();
                })
                .onFailure()
                .recoverWithItem(e -> error(503, "quotes unavailable: Redis did not answer"));
    }

    private Object parse(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, Object> body(
            Map<String, Object> quotes, List<String> missing, List<Map<String, String>> rejected) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("quotes", quotes);
        b.put("missing", missing);
        b.put("rejected", rejected);
        return b;
    }

    private static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status == 400 ? GatewayErrorCodes.BAD_REQUEST : "unavailable", message))
                .build();
    }
}
