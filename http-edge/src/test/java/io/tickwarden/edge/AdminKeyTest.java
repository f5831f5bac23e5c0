package io.tickwarden.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminKeyTest {

    private static final String KEY = "k".repeat(20) + "-admin-key-0123456789";

    /** Records the length of both sides of every comparison, then compares as production does. */
    private static final class Recording implements AdminKey.Comparison {
        final List<int[]> calls = new ArrayList<>();

        @Override
        public boolean equal(byte[] expected, byte[] presented) {
            calls.add(new int[] {expected.length, presented.length});
            return MessageDigest.isEqual(expected, presented);
        }
    }

    @Test
    void everyPresentedKeyTakesOneComparisonOfTwo32ByteDigests() {
        Recording recording = new Recording();
        AdminKey key = new AdminKey(Optional.of(KEY), recording);
        List<String> presented = new ArrayList<>();
        for (int length = 0; length <= 64; length++) {
            presented.add("x".repeat(length));
            presented.add(
                    KEY.substring(0, Math.min(length, KEY.length())) + "y".repeat(Math.max(0, length - KEY.length())));
        }
        for (String wrong : presented) {
            if (wrong.equals(KEY)) {
                continue;
            }
            int before = recording.calls.size();
            assertFalse(key.accepts("Bearer " + wrong, null), wrong);
            assertFalse(key.accepts(null, wrong), wrong);
            assertEquals(before + 2, recording.calls.size(), "one comparison per check for length " + wrong.length());
        }
        int before = recording.calls.size();
        assertTrue(key.accepts("Bearer " + KEY, null));
        assertTrue(key.accepts(null, KEY));
        assertEquals(before + 2, recording.calls.size());
        // no header, another scheme, a disabled key: the same comparison still runs
        assertFalse(key.accepts(null, null));
        assertFalse(key.accepts("Basic " + KEY, null));
        assertFalse(new AdminKey(Optional.empty(), recording).accepts("Bearer " + KEY, null));
        for (int[] call : recording.calls) {
            assertEquals(32, call[0], "the expected side is always a SHA-256 digest");
            assertEquals(32, call[1], "the presented side is always a SHA-256 digest");
        }
        assertEquals(2 * (2 * 65 - 1) + 2 + 3, recording.calls.size());
    }

    @Test
    void acceptsBothDocumentedHeaderFormsWithTheSchemeInAnyCase() {
        AdminKey key = new AdminKey(Optional.of(KEY));
        assertTrue(key.accepts("Bearer " + KEY, null));
        assertTrue(key.accepts("bearer " + KEY, null));
        assertTrue(key.accepts("BEARER  " + KEY + " ", null));
        assertTrue(key.accepts(null, KEY));
        assertTrue(key.accepts("Basic dXNlcjpwYXNz", KEY), "a proxy may own Authorization");
        assertFalse(key.accepts("Bearer " + KEY, "wrong"), "X-Admin-Key wins when both are sent");
        assertFalse(key.accepts(KEY, null), "the key without a scheme");
        assertFalse(key.accepts("Bearer" + KEY, null));
        assertFalse(key.accepts("Bearer ", null));
        assertFalse(key.accepts("Bearer " + KEY + "x", null));
        assertFalse(key.accepts("Bearer " + KEY.substring(1), null));
    }

    @Test
    void withoutAConfiguredKeyEveryCallIsRefused() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            AdminKey key = new AdminKey(none);
            assertFalse(key.enabled());
            assertFalse(key.accepts("Bearer ", null));
            assertFalse(key.accepts(null, ""));
            assertFalse(key.accepts("Bearer " + KEY, null));
        }
    }

    @Test
    void requireSays403WhenDisabledAnd401WhenWrong() {
        ApiError disabled = assertThrows(ApiError.class, () -> new AdminKey(Optional.empty()).require(null, null));
        assertEquals(403, disabled.status());
        assertEquals("admin_disabled", disabled.error());
        ApiError wrong =
                assertThrows(ApiError.class, () -> new AdminKey(Optional.of(KEY)).require("Bearer nope", null));
        assertEquals(401, wrong.status());
        assertEquals("unauthorized", wrong.error());
        new AdminKey(Optional.of(KEY)).require(null, KEY);
    }
}
