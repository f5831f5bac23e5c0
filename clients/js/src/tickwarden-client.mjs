// The tickwarden gateway's JavaScript client: one WebSocket to /ws/market, resubscribed with positions after every
// reconnect so a short outage costs no ticks. Runs in browsers (global WebSocket, key as ?token=) and under Node
// (the `ws` package, key in the Authorization header). No dependencies beyond `ws` under Node, no build step.

/** Close codes of the gateway (contracts' GatewayCloseCodes) and what a client does about each. */
export const CLOSE_CODES = Object.freeze({
  GOING_AWAY: 1001, TOO_BIG: 1009, INTERNAL: 1011, SLOW_CONSUMER: 4008, FLOOD: 4029,
});

/** A failure with a kind, whether the client retries by itself, and a sentence saying what to do. */
export class TickwardenError extends Error {
  constructor(kind, message, { retry = false, code = null, status = null, reason = "" } = {}) {
    super(message);
    this.name = "TickwardenError";
    this.kind = kind;
    this.retry = retry;
    this.code = code;
    this.status = status;
    this.reason = reason;
  }
}

/** Maps an upgrade refusal (HTTP status) or a close (code, reason) to a TickwardenError. */
export function closeError({ status = null, code = null, reason = "", opened = true }) {
  const said = reason ? ` (${reason})` : "";
  if (status === 401) {
    return new TickwardenError("AUTH", "API key refused (HTTP 401): check the key; not retrying", { status });
  }
  if (status != null) {
    return new TickwardenError("REFUSED", `upgrade refused with HTTP ${status}${said}: check the URL and options; not retrying`,
      { status, reason });
  }
  const opts = { code, reason, retry: true };
  switch (code) {
    case CLOSE_CODES.SLOW_CONSUMER:
      return new TickwardenError("SLOW_CONSUMER", `closed as a slow consumer${said}: reconnecting, missed ticks are recovered by position; read faster or use delivery=latest`, opts);
    case CLOSE_CODES.FLOOD:
      return new TickwardenError("FLOOD", `closed for sending too many messages${said}: reconnecting after a pause; send fewer, larger subscribes`, opts);
    case CLOSE_CODES.TOO_BIG:
      return new TickwardenError("TOO_BIG", `closed: a message sent was too large${said}; split large subscribes; not retrying`, { code, reason });
    case 1008:
      return new TickwardenError("POLICY", `closed by policy${said}; check the options; not retrying`, { code, reason });
    case CLOSE_CODES.GOING_AWAY:
      return new TickwardenError("GOING_AWAY", `the gateway is shutting down${said}: reconnecting`, opts);
    case CLOSE_CODES.INTERNAL:
      return new TickwardenError("INTERNAL", `internal error in the gateway${said}: reconnecting`, opts);
    default:
      // Browsers hide the HTTP status of a refused upgrade: a wrong key looks like any connection failure there.
      return opened
        ? new TickwardenError("DISCONNECTED", `connection lost (code ${code}${said}): reconnecting`, opts)
        : new TickwardenError("CONNECT_FAILED", `could not connect (code ${code}${said}): retrying; in a browser this is also what a wrong API key looks like`, opts);
  }
}

/**
 * Delay before reconnect attempt `attempt` (0 = first): exponential from initialMs, capped at maxMs, with "equal
 * jitter" (between half and all of it) so a gateway restart is not met by every client at the same instant.
 */
export function backoffDelay(attempt, { initialMs = 500, maxMs = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}

/** A client's position per symbol: the highest `seq` received for it (from ticks, batches and snapshots). */
export class Positions {
  #seq = new Map();
  update(symbol, seq) {
    if (typeof symbol !== "string" || typeof seq !== "number" || !(seq > 0)) return;
    if (!(this.#seq.get(symbol) >= seq)) this.#seq.set(symbol, seq);
  }
  get(symbol) { return this.#seq.get(symbol); }
  delete(symbol) { this.#seq.delete(symbol); }
  /** The positions of those symbols that have one, as the `positions` object of a subscribe. */
  of(symbols) {
    const out = {};
    for (const s of symbols) if (this.#seq.has(s)) out[s] = this.#seq.get(s);
    return out;
  }
  toJSON() { return Object.fromEntries(this.#seq); }
}

const isNode = typeof process !== "undefined" && !!process.versions?.node && typeof window === "undefined";

export class TickwardenClient {
  #listeners = new Map();
  #modes = new Map();            // symbol -> mode, what the application subscribed
  #socket = null;
  #attempt = 0;
  #gateway = 0;                  // index into urls of the gateway in use
  #timer = null;
  #closed = false;
  positions = new Positions();

  /**
   * @param {object} options url (gateway http(s)/ws(s) base URL, or a full /ws/market URL) or urls (several gateway
   *   replicas: a failed connect or a lost connection moves to the next, round robin, and the backoff grows per full
   *   round), apiKey, delivery ("latest" | "all"), backoff {initialMs, maxMs}, WebSocket (an implementation to use
   *   instead).
   */
  constructor({ url, urls, apiKey, delivery = "latest", backoff = {}, WebSocket = undefined } = {}) {
    const list = urls ?? (url ? [url] : []);
    if (!Array.isArray(list) || list.length === 0) throw new TypeError("url is required, e.g. http://localhost:8080");
    if (delivery !== "latest" && delivery !== "all") throw new TypeError(`delivery must be "latest" or "all", not ${delivery}`);
    this.urls = [...list];
    this.url = this.urls[0];         // the gateway in use (or tried next)
    this.apiKey = apiKey;
    this.delivery = delivery;
    this.backoff = backoff;
    this.WebSocket = WebSocket;
    this.state = "idle";
  }

  /** Adds a listener: open, tick(tick, {recovered}), snapshot, subscribed, recovery, status, candle, message, error, close. */
  on(event, fn) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(fn);
    return () => this.#listeners.get(event).delete(fn);
  }

  #emit(event, ...args) {
    for (const fn of this.#listeners.get(event) ?? []) {
      try { fn(...args); } catch (e) { console.error(`tickwarden-client: a '${event}' listener threw`, e); }
    }
  }

  /**
   * Opens the connection, which then stays up (reconnecting with backoff) until close() or an error that must not be
   * retried. Resolves on the first open; rejects with that error if one comes first.
   */
  connect() {
    this.#closed = false;
    return new Promise((resolve, reject) => {
      const offOpen = this.on("open", () => { offOpen(); offClose(); resolve(this); });
      const offClose = this.on("close", c => {
        if (c.retry) return;
        offOpen(); offClose();
        reject(c.error ?? new TickwardenError("CLOSED", "closed by the application before it connected"));
      });
      this.#open().catch(e => { offOpen(); offClose(); reject(e); });
    });
  }

  subscribe(symbols, { mode = "quote" } = {}) {
    for (const s of symbols) this.#modes.set(s, mode);
    this.send({ action: "subscribe", symbols, mode });
  }

  unsubscribe(symbols) {
    for (const s of symbols) { this.#modes.delete(s); this.positions.delete(s); }
    this.send({ action: "unsubscribe", symbols });
  }

  /** Sends a message if connected (returns false otherwise); subscriptions are remembered and resent by the client. */
  send(message) {
    if (this.state !== "open") return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.state = "closed";
    if (this.#socket) this.#socket.close(1000, "client closed");
  }

  wsUrl() {
    const u = new URL(this.url);
    u.protocol = u.protocol.replace(/^http/, "ws");
    if (!u.pathname.endsWith("/ws/market")) u.pathname = u.pathname.replace(/\/$/, "") + "/ws/market";
    if (this.delivery !== "latest") u.searchParams.set("delivery", this.delivery);
    if (this.apiKey && !isNode) u.searchParams.set("token", this.apiKey);
    return u.toString();
  }

  async #open() {
    const Impl = this.WebSocket ?? (isNode ? (await import("ws")).default : globalThis.WebSocket);
    const headers = isNode && this.apiKey ? { Authorization: `Bearer ${this.apiKey}` } : undefined;
    const socket = headers ? new Impl(this.wsUrl(), { headers }) : new Impl(this.wsUrl());
    this.#socket = socket;
    this.state = "connecting";
    let opened = false, status = null, body = "";
    if (typeof socket.on === "function") {
      // `ws` tells the HTTP status of a refused upgrade; browsers never do.
      // The gateway says why in X-Tickwarden-Error (e.g. an unknown delivery).
      socket.on("unexpected-response", (req, res) => {
        status = res.statusCode;
        body = String(res.headers["x-tickwarden-error"] ?? "");
        req.destroy();
        socket.terminate();
      });
    }
    socket.onopen = () => {
      opened = true;
      this.#attempt = 0;
      this.state = "open";
      this.#emit("open", { url: this.url });
      this.#resubscribe();
    };
    socket.onmessage = ev => this.#onMessage(ev.data);
    socket.onerror = () => { };  // a close follows; it carries what we need
    socket.onclose = ev => {
      if (this.#socket !== socket) return;
      this.state = "closed";
      // A close the application asked for is no error.
      const error = this.#closed ? null
        : closeError({ status, code: ev.code, reason: status != null ? body.trim().slice(0, 200) : ev.reason, opened });
      const retry = error ? error.retry : false;
      if (error) this.#emit("error", error);
      // With several gateways: on to the next one; the delay grows per full round, so the hop from a dead replica
      // to a live one waits only the first (jittered, never zero) step.
      const delayMs = retry ? backoffDelay(Math.floor(this.#attempt++ / this.urls.length), this.backoff) : null;
      if (retry) {
        this.#gateway = (this.#gateway + 1) % this.urls.length;
        this.url = this.urls[this.#gateway];
      }
      this.#emit("close", { code: ev.code, reason: ev.reason, error, retry, delayMs });
      if (retry) {
        this.state = "waiting";
        this.#timer = setTimeout(() => {
          if (!this.#closed) this.#open().catch(e => this.#emit("error", new TickwardenError("CONNECT_FAILED", e.message)));
        }, delayMs);
      }
    };
  }

  // One subscribe per mode, with the position of every symbol that has one: those are recovered, the others
  // get a snapshot.
  #resubscribe() {
    const byMode = new Map();
    for (const [s, mode] of this.#modes) {
      if (!byMode.has(mode)) byMode.set(mode, []);
      byMode.get(mode).push(s);
    }
    for (const [mode, symbols] of byMode) {
      const positions = this.positions.of(symbols);
      const msg = { action: "subscribe", symbols, mode };
      if (Object.keys(positions).length) msg.positions = positions;
      this.send(msg);
    }
  }

  #onMessage(data) {
    let m;
    try { m = JSON.parse(typeof data === "string" ? data : data.toString()); } catch { return; }
    this.#emit("message", m);
    switch (m.type) {
      case "tick": this.#tick(m, false); break;
      case "ticks": for (const t of m.ticks ?? []) this.#tick(t, m.recovered === true); break;
      case "snapshot":
        for (const q of m.quotes ?? []) this.positions.update(q.symbol, q.seq);
        this.#emit("snapshot", m);
        break;
      case "subscribed":
        this.#emit("subscribed", m);
        if (Array.isArray(m.recovery)) this.#emit("recovery", { recovered: m.recovered === true, recovery: m.recovery });
        break;
      case "connection_status": this.#emit("status", m); break;
      case "candle": this.#emit("candle", m); break;
      case "error":
        this.#emit("error", new TickwardenError("SERVER_ERROR", `${m.code}: ${m.message}`, { code: m.code, reason: m.message }));
        break;
    }
  }

  #tick(t, recovered) {
    this.positions.update(t.symbol, t.seq);
    this.#emit("tick", t, { recovered });
  }
}
