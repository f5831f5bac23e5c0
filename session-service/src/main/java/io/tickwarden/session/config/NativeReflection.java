package io.tickwarden.session.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tickwarden.contracts.session.MarketPhase;
import io.tickwarden.session.domain.SessionOverride;
import io.tickwarden.session.rest.CalendarViews;

/**
 * This service's own types that Jackson reads or writes where Quarkus cannot see them, registered for reflection
 * so that a native image can (de)serialise them: Quarkus registers the types in REST method signatures only, not
 * what is written with an {@code ObjectMapper} nor a {@code Response}'s entity. The contracts' types are registered
 * once for every service by {@code io.tickwarden.contracts.ContractsReflection}.
 * <p>Own types: {@code SessionOverride} (the {@code session:overrides} hash) with its phase enum, and the
 * {@code Response} entities {@code OverrideView} (the one error body is registered by http-edge).
 */
@RegisterForReflection(
        targets = {
            // own: the session:overrides hash, and Response entities the REST layer cannot see
            SessionOverride.class,
            SessionOverride.Window.class,
            MarketPhase.class,
            CalendarViews.OverrideView.class,
            CalendarViews.WindowView.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
