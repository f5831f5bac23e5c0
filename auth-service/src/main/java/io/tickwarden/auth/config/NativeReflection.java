package io.tickwarden.auth.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tickwarden.auth.service.WebhookNotifier;

/**
 * This service's own types that Jackson reads or writes where Quarkus cannot see them, registered for reflection
 * so that a native image can (de)serialise them: Quarkus registers the types in REST method signatures only, not
 * what is written with an {@code ObjectMapper} nor a {@code Response}'s entity. The contracts' types are registered
 * once for every service by {@code io.tickwarden.contracts.ContractsReflection}.
 * <p>Own types: the reminder webhook's payload and (the one error body is registered by http-edge).
 */
@RegisterForReflection(
        targets = {
            // own: the reminder webhook's body, and a Response entity the REST layer cannot see
            WebhookNotifier.LoginReminder.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
