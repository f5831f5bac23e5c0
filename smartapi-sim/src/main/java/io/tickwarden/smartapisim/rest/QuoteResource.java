package io.tickwarden.smartapisim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelErrors;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.service.MarketService;
import io.tickwarden.smartapisim.service.QuoteRateLimiter;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The quote endpoint: {@code {"mode": "LTP"|"OHLC"|"FULL", "exchangeTokens": {"NSE": ["3045", ...]}}} answers
 * {@code data.fetched[]} (known tokens, in request order) and {@code data.unfetched[]} (the rest). At most 50 tokens
 * per call, and a per-second limit per api key answered with Angel's plain-text 403.
 */
@Path("/rest/secure/angelbroking/market/v1/quote")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class QuoteResource {

    private static final Set<String> MODES = Set.of("LTP", "OHLC", "FULL");

    private final AngelAuth auth;
    private final MarketService market;
    private final QuoteRateLimiter limiter;
    private final SimConfig config;
    private final SimStats stats;

    QuoteResource(AngelAuth auth, MarketService market, QuoteRateLimiter limiter, SimConfig config, SimStats stats) {
        this.auth = auth;
        this.market = market;
        this.limiter = limiter;
        this.config = config;
        this.stats = stats;
    }

    @POST
    public Response quote(
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-PrivateKey") String apiKey,
            JsonNode body) {
        auth.require(authorization);
        if (!limiter.tryAcquire(apiKey)) {
            stats.quoteRateLimited.incrementAndGet();
            return AngelResponses.rateLimited();
        }
        String mode = SessionResource.text(body, "mode");
        JsonNode exchangeTokens = body == null ? null : body.get("exchangeTokens");
        if (mode == null || !MODES.contains(mode) || exchangeTokens == null || !exchangeTokens.isObject()) {
            throw new AngelApiException(
                    200,
                    AngelErrors.BAD_REQUEST,
                    "Invalid request: mode must be LTP, OHLC or FULL and exchangeTokens an object of token lists");
        }
        int count = 0;
        for (JsonNode tokens : exchangeTokens) {
            if (!tokens.isArray()) {
                throw new AngelApiException(
                        200,
                        AngelErrors.BAD_REQUEST,
                        "Invalid request: every exchange of exchangeTokens takes an array of tokens");
            }
            count += tokens.size();
        }
        if (count > config.quoteMaxTokens()) {
            throw new AngelApiException(
                    200,
                    AngelErrors.BAD_REQUEST,
                    "Quote limit exceeded: at most " + config.quoteMaxTokens() + " tokens per request");
        }
        List<Map<String, Object>> fetched = new ArrayList<>();
        List<Map<String, Object>> unfetched = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = exchangeTokens.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> exchange = it.next();
            for (JsonNode t : exchange.getValue()) {
                String token = t.asText();
                Optional<AngelInstrument> in = market.angel().find(exchange.getKey(), token);
                if (in.isPresent()) {
                    fetched.add(QuoteJson.entry(
                            mode, in.get(), market.model().snapshot(in.get().catalogIndex())));
                } else {
                    Map<String, Object> miss = new LinkedHashMap<>();
                    miss.put("exchange", exchange.getKey());
                    miss.put("symbolToken", token);
                    miss.put("message", AngelErrors.SYMBOL_NOT_FOUND.message());
                    miss.put("errorCode", AngelErrors.SYMBOL_NOT_FOUND.errorcode());
                    unfetched.add(miss);
                }
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fetched", fetched);
        data.put("unfetched", unfetched);
        return AngelResponses.success(data);
    }
}
