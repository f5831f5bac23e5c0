// Types of tickwarden-client.mjs (the gateway's WebSocket protocol: docs/gateway.md).

export type Mode = "ltp" | "quote" | "full";
export type Delivery = "latest" | "all";

export declare const CLOSE_CODES: Readonly<{
  GOING_AWAY: 1001; TOO_BIG: 1009; INTERNAL: 1011; SLOW_CONSUMER: 4008; FLOOD: 4029;
}>;

export type ErrorKind = "AUTH" | "REFUSED" | "SLOW_CONSUMER" | "FLOOD" | "TOO_BIG" | "POLICY" | "GOING_AWAY"
  | "INTERNAL" | "DISCONNECTED" | "CONNECT_FAILED" | "SERVER_ERROR" | "CLOSED";

export declare class TickwardenError extends Error {
  readonly kind: ErrorKind;
  /** Whether the client reconnects by itself after this error. */
  readonly retry: boolean;
  /** Close code, or the `code` of a server `error` message. */
  readonly code: number | string | null;
  /** HTTP status of a refused upgrade (Node only; browsers do not expose it). */
  readonly status: number | null;
  readonly reason: string;
}

export declare function closeError(c: { status?: number | null; code?: number | null; reason?: string; opened?: boolean }):
  TickwardenError;

export interface BackoffOptions { initialMs?: number; maxMs?: number; random?: () => number }
export declare function backoffDelay(attempt: number, options?: BackoffOptions): number;

export declare class Positions {
  update(symbol: string, seq: number): void;
  get(symbol: string): number | undefined;
  delete(symbol: string): void;
  of(symbols: Iterable<string>): Record<string, number>;
  toJSON(): Record<string, number>;
}

export interface Tick {
  symbol: string;
  instrument_token?: number;
  exchange?: string;
  /** epoch * 1e9 + n, strictly increasing per instrument; the client's position is the last one received. */
  seq: number;
  last_price: number;
  change?: number;
  mode?: Mode;
  [field: string]: unknown;
}

export interface Snapshot { type: "snapshot"; mode: Mode; quotes: Tick[]; missing?: string[] }

export interface RecoveryResult {
  symbol: string;
  recovered: boolean;
  replayed?: number;
  reason?: "EPOCH_CHANGED" | "TOO_OLD" | "NO_HISTORY" | "BAD_POSITION" | string;
  message?: string;
}

export interface Subscribed {
  type: "subscribed";
  mode: Mode;
  symbols: string[];
  rejected?: { symbol: string; reason: string; message: string }[];
  total_subscriptions: number;
  recovered?: boolean;
  recovery?: RecoveryResult[];
}

export interface ConnectionStatus { type: "connection_status"; priority_status: string; [field: string]: unknown }

export interface CloseInfo {
  code: number;
  reason: string;
  /** null when the application called close(). */
  error: TickwardenError | null;
  retry: boolean;
  delayMs: number | null;
}

export interface Events {
  /** `url`: the gateway this connection is to (one of `urls`). */
  open: (info: { url: string }) => void;
  /** `recovered` is true for ticks replayed from history after a reconnect. */
  tick: (tick: Tick, info: { recovered: boolean }) => void;
  /** A symbol not recovered gets a snapshot: treat it as a reload of that symbol. */
  snapshot: (snapshot: Snapshot) => void;
  subscribed: (message: Subscribed) => void;
  recovery: (result: { recovered: boolean; recovery: RecoveryResult[] }) => void;
  status: (status: ConnectionStatus) => void;
  candle: (message: { type: "candle"; symbol: string; interval: string; closed: boolean; candle: object }) => void;
  /** Every message, parsed, before the specific events. */
  message: (message: { type: string; [field: string]: unknown }) => void;
  error: (error: TickwardenError) => void;
  close: (info: CloseInfo) => void;
}

export interface ClientOptions {
  /** Gateway base URL (http, https, ws or wss), or the full /ws/market URL. */
  url?: string;
  /**
   * Several gateway replicas, in place of `url`: the client starts on the first and moves to the next on a failed
   * connect or a lost connection (round robin); the backoff grows per full round.
   */
  urls?: string[];
  apiKey?: string;
  delivery?: Delivery;
  backoff?: BackoffOptions;
  /** A WebSocket implementation to use instead of the global one (browsers) or `ws` (Node). */
  WebSocket?: unknown;
}

export declare class TickwardenClient {
  constructor(options: ClientOptions);
  /** The gateway in use, or the one tried next while reconnecting. */
  readonly url: string;
  readonly urls: string[];
  readonly delivery: Delivery;
  state: "idle" | "connecting" | "open" | "waiting" | "closed";
  readonly positions: Positions;
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void;
  connect(): Promise<this>;
  subscribe(symbols: string[], options?: { mode?: Mode }): void;
  unsubscribe(symbols: string[]): void;
  send(message: object): boolean;
  close(): void;
  wsUrl(): string;
}
