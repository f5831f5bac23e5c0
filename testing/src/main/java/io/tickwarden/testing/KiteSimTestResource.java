package io.tickwarden.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the packaged kite-sim as a real process for a {@code @QuarkusTest} of another service and points the
 * service's Kite URLs at it ({@code kite.api-url}, {@code kite.ws-url}, {@code kite.login-url}, and the sim's
 * demo credentials as {@code kite.api-key}/{@code kite.api-secret}). Init args (from
 * {@code @QuarkusTestResource(initArgs=...)}) are passed to kite-sim as system properties, e.g.
 * {@code kite-sim.redirect-url}. A field annotated {@link InjectKiteSim} receives the process.
 */
public class KiteSimTestResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectKiteSim {}

    public static final String API_KEY = "sim_api_key";
    public static final String API_SECRET = "sim_api_secret";

    private final Map<String, String> simProperties = new HashMap<>();
    private QuarkusAppProcess sim;

    @Override
    public void init(Map<String, String> initArgs) {
        simProperties.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        sim = QuarkusAppProcess.start("kite-sim", simProperties);
        return Map.of(
                "kite.api-url",
                sim.baseUrl(),
                "kite.ws-url",
                "ws://localhost:" + sim.port(),
                "kite.login-url",
                sim.baseUrl() + "/connect/login",
                "kite.api-key",
                API_KEY,
                "kite.api-secret",
                API_SECRET);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                sim, new TestInjector.AnnotatedAndMatchesType(InjectKiteSim.class, QuarkusAppProcess.class));
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.close();
        }
    }
}
