// The client against the running system (JsClientIT starts it): a refused key, live ticks, recovery by position
// across a gateway restart, and a slow consumer closed with 4008 that reconnects and recovers. Skipped without
// TICKWARDEN_URL. Environment: TICKWARDEN_URL (gateway), TICKWARDEN_API_KEY, TICKWARDEN_CONTROL_URL (the IT's
// control endpoint: POST /restart-gateway), TICKWARDEN_KITE_SIM_URL (for /sim/rate).
import { test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { TickwardenClient } from "../src/tickwarden-client.mjs";

const URL_ = process.env.TICKWARDEN_URL;
const KEY = process.env.TICKWARDEN_API_KEY;
const CONTROL = process.env.TICKWARDEN_CONTROL_URL;
const KITE_SIM = process.env.TICKWARDEN_KITE_SIM_URL;
const skip = URL_ ? false : "set TICKWARDEN_URL, TICKWARDEN_API_KEY, TICKWARDEN_CONTROL_URL and TICKWARDEN_KITE_SIM_URL (JsClientIT does)";
/** Waits for states the system reaches in seconds; generous for a loaded 2-core CI machine. */
const WAIT_MS = 60_000;
const BACKOFF = { initialMs: 200, maxMs: 1000 };
const SLOW_SYMBOLS = ["NSE:RELIANCE", "NSE:TCS", "NSE:HDFCBANK", "NSE:ICICIBANK", "NSE:SBIN", "NSE:ITC", "NSE:LT",
  "NSE:AXISBANK", "NSE:KOTAKBANK", "NSE:BHARTIARTL"];

test("a wrong API key is an AUTH error (HTTP 401) and is not retried", { skip }, async () => {
  const client = new TickwardenClient({ url: URL_, apiKey: "not-a-key", backoff: BACKOFF });
  const closes = [];
  client.on("close", c => closes.push(c));
  await assert.rejects(client.connect(), e => e.kind === "AUTH" && e.status === 401 && e.retry === false);
  assert.equal(closes.length, 1);
});

test("ticks arrive and move the position", { skip }, async (t) => {
  const client = await connected(t, {});
  const statuses = [];
  client.on("status", s => statuses.push(s));
  const ticks = collect(client);
  client.subscribe(["NSE:INFY"], { mode: "quote" });
  await until(() => ticks.filter(x => x.tick.symbol === "NSE:INFY").length >= 2, "two INFY ticks");
  const last = ticks.filter(x => x.tick.symbol === "NSE:INFY").at(-1).tick;
  assert.equal(typeof last.last_price, "number");
  assert.ok(client.positions.get("NSE:INFY") >= last.seq);
});

test("after a gateway restart the client reconnects and recovers every missed tick by position", { skip }, async (t) => {
  const client = await connected(t, {});
  const ticks = collect(client), errors = [], recoveries = [];
  client.on("error", e => errors.push(e));
  client.on("recovery", r => recoveries.push(r));
  client.subscribe(["NSE:INFY"], { mode: "quote" });
  await until(() => ticks.length >= 2, "INFY ticks before the restart");

  const restart = await fetch(CONTROL + "/restart-gateway", { method: "POST" });
  assert.equal(restart.status, 200, await restart.text());
  await until(() => recoveries.length >= 1, "a recovery result after the restart");
  assert.ok(errors.some(e => e.kind === "GOING_AWAY" && e.retry), "1001 surfaced: " + errors.map(e => e.message));
  const result = recoveries[0].recovery.find(r => r.symbol === "NSE:INFY");
  t.diagnostic("after the restart: " + JSON.stringify(recoveries[0]));
  assert.equal(result?.recovered, true, JSON.stringify(recoveries[0]));
  assert.ok(result.replayed >= 1, "the restart took seconds at 2 ticks/s: " + JSON.stringify(result));
  await until(() => ticks.filter(x => x.recovered).length >= result.replayed, "the replayed ticks");
  await until(() => ticks.at(-1).recovered === false, "a live tick after the replay");
  assertNoGapNoDuplicate(ticks.filter(x => x.tick.symbol === "NSE:INFY"), result.replayed, false);
});

test("a consumer that stops reading with delivery=all is closed with 4008, reconnects and recovers", { skip }, async (t) => {
  const sockets = [];
  // Records the client's sockets so the test can stop reading from one (ws's pause()).
  class RecordingWebSocket extends WebSocket {
    constructor(...args) { super(...args); sockets.push(this); }
  }
  const client = await connected(t, { delivery: "all", WebSocket: RecordingWebSocket });
  const ticks = collect(client), errors = [], recoveries = [], subscribes = [];
  client.on("error", e => errors.push(e));
  client.on("recovery", r => recoveries.push(r));
  client.on("subscribed", s => subscribes.push(s));
  client.subscribe(SLOW_SYMBOLS, { mode: "full" });
  await until(() => SLOW_SYMBOLS.every(s => client.positions.get(s)), "a position for every symbol");

  const before = await slowCloses();
  await simRate(100);
  t.after(() => simRate(2));
  sockets[0].pause();
  await until(async () => (await slowCloses()) > before, "the gateway's slow-consumer close (gateway_ws_closes_total)");
  await simRate(2);
  sockets[0].resume();

  await until(() => recoveries.length >= 1, "a recovery result after the 4008 close");
  const slow = errors.find(e => e.kind === "SLOW_CONSUMER");
  assert.ok(slow, "4008 surfaced: " + errors.map(e => e.message));
  assert.equal(slow.code, 4008);
  assert.equal(slow.retry, true);
  assert.match(slow.reason, /slow consumer/);
  assert.equal(sockets.length, 2);
  const recovery = recoveries[0];
  t.diagnostic(`${ticks.length} ticks; closed with ${slow.code} "${slow.reason}"; then ${JSON.stringify(recovery)}`);
  assert.deepEqual(recovery.recovery.map(r => r.symbol).sort(), [...SLOW_SYMBOLS].sort());
  assert.equal(recovery.recovered, true, JSON.stringify(recovery));
  for (const symbol of SLOW_SYMBOLS) {
    const replayed = recovery.recovery.find(r => r.symbol === symbol).replayed;
    await until(() => ticks.filter(x => x.recovered && x.tick.symbol === symbol).length >= replayed, `${symbol}'s replay`);
    assertNoGapNoDuplicate(ticks.filter(x => x.tick.symbol === symbol), replayed, true);
  }
});

/**
 * The replay of one symbol starts right after the position the client had (the last tick before it), counts up by
 * one (the feed numbers each instrument's ticks 1, 2, 3…, and history holds them all), and live ticks follow
 * without a duplicate; with delivery=all, without a gap either.
 */
function assertNoGapNoDuplicate(entries, replayed, consecutiveLive) {
  const seqs = entries.map(x => x.tick.seq);
  const first = entries.findIndex(x => x.recovered);
  const replay = entries.filter(x => x.recovered).map(x => x.tick.seq);
  assert.equal(replay.length, replayed, "replayed ticks received vs reported: " + replay);
  if (replayed > 0) {
    assert.ok(first > 0, "a position before the replay");
    replay.forEach((seq, i) => assert.equal(seq, seqs[first - 1] + 1 + i, `replayed seqs ${replay} after ${seqs[first - 1]}`));
  }
  for (let i = 1; i < seqs.length; i++) {
    assert.ok(seqs[i] > seqs[i - 1], `seq ${seqs[i]} after ${seqs[i - 1]}: a duplicate or out of order`);
    if (consecutiveLive) assert.equal(seqs[i], seqs[i - 1] + 1, `a gap after ${seqs[i - 1]} with delivery=all`);
  }
}

async function connected(t, options) {
  const client = new TickwardenClient({ url: URL_, apiKey: KEY, backoff: BACKOFF, ...options });
  t.after(() => client.close());
  await client.connect();
  return client;
}

function collect(client) {
  const ticks = [];
  client.on("tick", (tick, info) => ticks.push({ tick, recovered: info.recovered }));
  return ticks;
}

async function slowCloses() {
  const text = await (await fetch(URL_ + "/q/metrics")).text();
  const line = text.split("\n").find(l => l.startsWith("gateway_ws_closes_total") && l.includes('reason="slow_consumer"'));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function simRate(perSecond) {
  const r = await fetch(KITE_SIM + "/sim/rate", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ticks_per_second: perSecond }) });
  assert.equal(r.status, 200, await r.text());
}

async function until(condition, what, timeoutMs = WAIT_MS) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}
