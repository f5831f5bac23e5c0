package io.tickwarden.auth.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminKeyTest {

    private final AdminKey key = new AdminKey("a-long-admin-key-123");

    @Test
    void acceptsTheBearerKeyOnly() {
        assertTrue(key.accepts("Bearer a-long-admin-key-123"));
        assertTrue(key.accepts("bearer a-long-admin-key-123"));
        assertFalse(key.accepts(null));
        assertFalse(key.accepts(""));
        assertFalse(key.accepts("a-long-admin-key-123"));
        assertFalse(key.accepts("Basic a-long-admin-key-123"));
        assertFalse(key.accepts("Bearer a-long-admin-key-12"));
        assertFalse(key.accepts("Bearer a-long-admin-key-1234"));
        assertFalse(key.accepts("Bearer "));
    }
}
