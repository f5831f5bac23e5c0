package io.tickwarden.kitesim.ws;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same fault checks against the packaged kite-sim, started on its own as an operator would run it. */
@QuarkusIntegrationTest
class KiteSimPackagedIT extends TickerFaultsTest {}
