package io.tickwarden.smartapisim.ws;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same fault checks against the packaged smartapi-sim, started on its own as an operator would run it. */
@QuarkusIntegrationTest
class SmartApiSimPackagedIT extends StreamFaultsTest {}
