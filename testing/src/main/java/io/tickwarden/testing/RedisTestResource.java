package io.tickwarden.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts a real redis-server for a {@code @QuarkusTest} and points {@code quarkus.redis.hosts} at it.
 * A test field annotated {@link InjectRedis} of type {@link RedisServerProcess} receives the process, so the
 * test can kill and restart Redis mid-test.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedis {}

    private RedisServerProcess redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServerProcess.startOnFreePort();
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                redis, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServerProcess.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
