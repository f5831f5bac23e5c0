package io.tickwarden.auth.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tickwarden.testing.KiteSimTestResource;
import io.tickwarden.testing.QuarkusAppProcess;
import java.util.Map;

/**
 * Like {@link KiteSimTestResource}, but it also fixes the test port of auth-service up front, so kite-sim's
 * login page redirects the browser to this very test instance: the whole login runs through real HTTP
 * redirects with nothing rewritten. Inject the sim with {@link KiteSimTestResource.InjectKiteSim}.
 *
 * <p>Both ports come from {@link ReservedPorts}: the app's stays unbound while the sim starts, and tests stop and
 * start the sim on its port. The periodic token check (every 5 min by default) is pushed out of the test's
 * lifetime: tests count the Kite calls the service makes, and a timer call would be miscounted as theirs.
 */
public class AuthKiteSimResource implements QuarkusTestResourceLifecycleManager {

    private QuarkusAppProcess sim;

    @Override
    public Map<String, String> start() {
        int appPort = ReservedPorts.next();
        int simPort = ReservedPorts.next();
        while (simPort == appPort) {
            simPort = ReservedPorts.next();
        }
        sim = new QuarkusAppProcess(
                "kite-sim",
                simPort,
                Map.of("kite-sim.redirect-url", "http://localhost:" + appPort + "/api/auth/callback"));
        sim.start();
        return Map.of(
                "quarkus.http.test-port",
                String.valueOf(appPort),
                "auth.validation-interval",
                "6h",
                "kite.api-url",
                sim.baseUrl(),
                "kite.ws-url",
                "ws://localhost:" + sim.port(),
                "kite.login-url",
                sim.baseUrl() + "/connect/login",
                "kite.api-key",
                KiteSimTestResource.API_KEY,
                "kite.api-secret",
                KiteSimTestResource.API_SECRET);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                sim,
                new TestInjector.AnnotatedAndMatchesType(
                        KiteSimTestResource.InjectKiteSim.class, QuarkusAppProcess.class));
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }
}
