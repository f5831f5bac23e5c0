package io.tickwarden.smartapisim.rest;

import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelErrors;
import io.tickwarden.smartapisim.service.FaultController;
import io.tickwarden.smartapisim.service.FaultKind;
import io.tickwarden.smartapisim.service.SimStats;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every Angel REST call ({@code /rest/...}): counted per path, refused with AG8004 unless {@code X-PrivateKey} is the
 * app's api key, and subject to the REST side of the faults: {@code reject_429} answers Angel's rate-limit 403 on
 * every call, {@code reject_401} answers AG8001 on the secure ones (login still works, as when Angel refuses a session).
 */
public class AngelRequestFilter {

    private final SimStats stats;
    private final FaultController faults;
    private final SimConfig config;

    AngelRequestFilter(SimStats stats, FaultController faults, SimConfig config) {
        this.stats = stats;
        this.faults = faults;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/rest/")) {
            return null;
        }
        stats.restRequest(path);
        if (faults.isActive(FaultKind.REJECT_429)) {
            return AngelResponses.rateLimited();
        }
        if (!config.apiKey().equals(request.getHeaderString("X-PrivateKey"))) {
            return AngelResponses.error(AngelErrors.INVALID_API_KEY);
        }
        if (path.startsWith("/rest/secure/") && faults.isActive(FaultKind.REJECT_401)) {
            stats.invalidTokenAnswers.incrementAndGet();
            return AngelResponses.error(AngelErrors.INVALID_TOKEN);
        }
        return null;
    }
}
