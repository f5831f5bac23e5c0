// Pure tests of the client: backoff, positions, close codes, and resubscribe-with-positions against a real local
// WebSocket server (the `ws` package), no gateway needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WebSocketServer } from "ws";
import { TickwardenClient, Positions, backoffDelay, closeError } from "../src/tickwarden-client.mjs";

test("backoff doubles from initialMs, stays within [half, all] of the ceiling, and caps at maxMs", () => {
  const opts = { initialMs: 100, maxMs: 1000 };
  assert.equal(backoffDelay(0, { ...opts, random: () => 0 }), 50);
  assert.equal(backoffDelay(0, { ...opts, random: () => 1 }), 100);
  assert.equal(backoffDelay(3, { ...opts, random: () => 1 }), 800);
  assert.equal(backoffDelay(4, { ...opts, random: () => 1 }), 1000);
  assert.equal(backoffDelay(50, { ...opts, random: () => 0 }), 500);
  for (let attempt = 0; attempt < 8; attempt++) {
    const ceiling = Math.min(1000, 100 * 2 ** attempt);
    const d = backoffDelay(attempt, opts);
    assert.ok(d >= ceiling / 2 && d <= ceiling, `attempt ${attempt}: ${d}`);
  }
});

test("positions keep the highest seq per symbol and ignore what is not a position", () => {
  const p = new Positions();
  p.update("NSE:INFY", 5_000_000_010);
  p.update("NSE:INFY", 5_000_000_007);   // an older tick never moves a position back
  p.update("NSE:TCS", 5_000_000_003);
  p.update("NSE:TCS", undefined);
  p.update("NSE:X", 0);
  assert.equal(p.get("NSE:INFY"), 5_000_000_010);
  assert.deepEqual(p.of(["NSE:INFY", "NSE:TCS", "NSE:X"]), { "NSE:INFY": 5_000_000_010, "NSE:TCS": 5_000_000_003 });
  p.delete("NSE:TCS");
  assert.deepEqual(p.toJSON(), { "NSE:INFY": 5_000_000_010 });
});

test("close codes map to typed errors that say whether the client retries", () => {
  assert.deepEqual(pick(closeError({ status: 401 })), { kind: "AUTH", retry: false });
  assert.deepEqual(pick(closeError({ status: 400, reason: "unknown delivery" })), { kind: "REFUSED", retry: false });
  assert.deepEqual(pick(closeError({ code: 4008 })), { kind: "SLOW_CONSUMER", retry: true });
  assert.deepEqual(pick(closeError({ code: 4029 })), { kind: "FLOOD", retry: true });
  assert.deepEqual(pick(closeError({ code: 1009 })), { kind: "TOO_BIG", retry: false });
  assert.deepEqual(pick(closeError({ code: 1001 })), { kind: "GOING_AWAY", retry: true });
  assert.deepEqual(pick(closeError({ code: 1011 })), { kind: "INTERNAL", retry: true });
  assert.deepEqual(pick(closeError({ code: 1006, opened: false })), { kind: "CONNECT_FAILED", retry: true });
  assert.match(closeError({ code: 4008, reason: "slow consumer" }).message, /recovered by position/);
  assert.deepEqual(pick(closeError({ code: 1000 })), { kind: "DISCONNECTED", retry: true });  // the server's 1000
});

test("delivery must be latest or all, and the URL carries it", () => {
  assert.throws(() => new TickwardenClient({ url: "http://h:1", delivery: "every" }), /delivery/);
  assert.equal(new TickwardenClient({ url: "http://h:1", delivery: "all", apiKey: "k" }).wsUrl(), "ws://h:1/ws/market?delivery=all");
  assert.equal(new TickwardenClient({ url: "https://h/" }).wsUrl(), "wss://h/ws/market");
});

test("after a 4008 close the client reconnects and resubscribes per mode with its positions", async (t) => {
  const wss = server(t, {});
  const connections = [];
  wss.on("connection", (ws, req) => {
    const c = { ws, auth: req.headers.authorization, url: req.url, subscribes: [] };
    connections.push(c);
    ws.on("message", d => c.subscribes.push(JSON.parse(d)));
  });
  const client = new TickwardenClient({ url: `http://127.0.0.1:${wss.address().port}`, apiKey: "k1", delivery: "all",
    backoff: { initialMs: 20, maxMs: 40 } });
  t.after(() => client.close());
  const errors = [], ticks = [];
  client.on("error", e => errors.push(e.kind));
  client.on("tick", (tick, info) => ticks.push([tick.symbol, tick.seq, info.recovered]));
  await client.connect();
  client.subscribe(["NSE:INFY", "NSE:TCS"], { mode: "quote" });
  client.subscribe(["NSE:SBIN"], { mode: "ltp" });
  await until(() => connections[0]?.subscribes.length === 2);
  assert.equal(connections[0].auth, "Bearer k1");
  assert.equal(connections[0].url, "/ws/market?delivery=all");
  const first = connections[0].ws;
  first.send(JSON.stringify({ type: "snapshot", mode: "quote", quotes: [{ symbol: "NSE:TCS", seq: 7_000_000_001 }] }));
  first.send(JSON.stringify({ type: "ticks", ticks: [{ symbol: "NSE:INFY", seq: 7_000_000_004 }, { symbol: "NSE:INFY", seq: 7_000_000_005 }] }));
  first.send(JSON.stringify({ type: "tick", symbol: "NSE:TCS", seq: 7_000_000_002 }));
  await until(() => ticks.length === 3);
  first.close(4008, "slow consumer: 3 ticks behind");

  await until(() => connections[1]?.subscribes.length === 2);
  assert.deepEqual(errors, ["SLOW_CONSUMER"]);
  assert.deepEqual(connections[1].subscribes, [
    { action: "subscribe", symbols: ["NSE:INFY", "NSE:TCS"], mode: "quote",
      positions: { "NSE:INFY": 7_000_000_005, "NSE:TCS": 7_000_000_002 } },
    { action: "subscribe", symbols: ["NSE:SBIN"], mode: "ltp" }]);

  const recoveries = [];
  client.on("recovery", r => recoveries.push(r));
  connections[1].ws.send(JSON.stringify({ type: "subscribed", mode: "quote", symbols: ["NSE:INFY", "NSE:TCS"],
    recovered: true, recovery: [{ symbol: "NSE:INFY", recovered: true, replayed: 1 }, { symbol: "NSE:TCS", recovered: true, replayed: 0 }] }));
  connections[1].ws.send(JSON.stringify({ type: "ticks", recovered: true, ticks: [{ symbol: "NSE:INFY", seq: 7_000_000_006 }] }));
  await until(() => ticks.length === 4);
  assert.deepEqual(ticks[3], ["NSE:INFY", 7_000_000_006, true]);
  assert.equal(recoveries.length, 1);
  assert.equal(recoveries[0].recovered, true);
});

test("an HTTP 401 at the upgrade rejects connect with an AUTH error and is not retried", async (t) => {
  const wss = server(t, { verifyClient: (_info, cb) => cb(false, 401, "Unauthorized") });
  const client = new TickwardenClient({ url: `ws://127.0.0.1:${wss.address().port}`, apiKey: "wrong",
    backoff: { initialMs: 10, maxMs: 10 } });
  const closes = [];
  client.on("close", c => closes.push(c));
  await assert.rejects(client.connect(), e => e.kind === "AUTH" && e.status === 401 && !e.retry);
  assert.equal(closes.length, 1);
  assert.equal(client.state, "closed");
});

test("given several gateways, a lost connection moves to the next one, which gets the subscriptions with positions", async (t) => {
  const a = server(t, {}), b = server(t, {});
  const seen = { a: [], b: [] };
  a.on("connection", ws => ws.on("message", d => seen.a.push(JSON.parse(d))));
  b.on("connection", ws => ws.on("message", d => seen.b.push(JSON.parse(d))));
  const urlA = `ws://127.0.0.1:${a.address().port}`, urlB = `ws://127.0.0.1:${b.address().port}`;
  const client = new TickwardenClient({ urls: [urlA, urlB], apiKey: "k", backoff: { initialMs: 20, maxMs: 40 } });
  t.after(() => client.close());
  const opens = [];
  client.on("open", info => opens.push(info.url));
  await client.connect();
  client.subscribe(["NSE:INFY"], { mode: "quote" });
  await until(() => seen.a.length === 1);
  [...a.clients][0].send(JSON.stringify({ type: "tick", symbol: "NSE:INFY", seq: 9_000_000_004 }));
  await until(() => client.positions.get("NSE:INFY") === 9_000_000_004);

  a.clients.forEach(c => c.terminate());   // a killed gateway: no close frame
  await until(() => seen.b.length === 1);
  assert.deepEqual(opens, [urlA, urlB]);
  assert.equal(client.url, urlB);
  assert.deepEqual(seen.b[0], { action: "subscribe", symbols: ["NSE:INFY"], mode: "quote",
    positions: { "NSE:INFY": 9_000_000_004 } });
});

// A server stopped after the test, its remaining connections cut (wss.close alone waits for them).
function server(t, options) {
  const wss = new WebSocketServer({ port: 0, ...options });
  t.after(() => new Promise(r => { wss.clients.forEach(c => c.terminate()); wss.close(r); }));
  return wss;
}

function pick(e) { return { kind: e.kind, retry: e.retry }; }

async function until(condition, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in " + timeoutMs + " ms: " + condition);
    await new Promise(r => setTimeout(r, 10));
  }
}
