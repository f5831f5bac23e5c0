// Drives smartapi-sim with Angel One's official JavaScript SDK (smartapi-javascript 1.0.27) and prints what the SDK
// saw as one line "RESULT <json>" for SmartApiSdkConformanceTest to compare with the sim's own REST answers.
// Usage: node sdk-check.js <config json>; config: {baseUrl, wsUrl, apiKey, clientCode, pin, totpSecret,
// quoteTokens: {NSE: [...], ...}, subscriptions: [{mode, exchangeType, tokens: [...]}]}.
'use strict';

const crypto = require('crypto');

// The SDK asks a public service for this machine's IP when it is constructed; offline that promise rejects, and
// Node would end the process over the unhandled rejection. The IP header is irrelevant to the sim.
process.on('unhandledRejection', (e) => console.error('ignored unhandled rejection:', e && e.message));

const config = JSON.parse(process.argv[2]);

// The WebSocket URL is a constant of the SDK's config module, read when a WebSocketV2 is constructed: point it at
// the sim before constructing one. The REST base is the SmartAPI constructor's `root`.
const constants = require('smartapi-javascript/config/constant');
constants.CONSTANTS.websocketURL = config.wsUrl;
const { SmartAPI, WebSocketV2 } = require('smartapi-javascript');

/** RFC 6238: 30 s steps, 6 digits, HMAC-SHA1 over the base32 secret. */
function totp(secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) {
    key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const h = crypto.createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const bin = h.readUInt32BE(o) & 0x7fffffff;
  return String(bin % 1000000).padStart(6, '0');
}

function key(mode, token) {
  return mode + ':' + token;
}

async function main() {
  const result = {};
  const api = new SmartAPI({ api_key: config.apiKey, root: config.baseUrl });
  const session = await api.generateSession(config.clientCode, config.pin, totp(config.totpSecret));
  result.login = { status: session.status, message: session.message, errorcode: session.errorcode };
  if (!session.status) {
    throw new Error('login failed: ' + JSON.stringify(session));
  }
  const profile = await api.getProfile();
  result.profile = { status: profile.status, clientcode: profile.data && profile.data.clientcode };
  const quote = await api.marketData({ mode: 'FULL', exchangeTokens: config.quoteTokens });
  result.quote = quote;

  const ticks = {};
  const wanted = new Set();
  for (const s of config.subscriptions) {
    for (const t of s.tokens) {
      wanted.add(key(s.mode, t));
    }
  }
  const ws = new WebSocketV2({
    clientcode: config.clientCode,
    jwttoken: session.data.jwtToken,
    apikey: config.apiKey,
    feedtype: session.data.feedToken,
  });
  await ws.connect();
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('ticks missing for ' + [...wanted].filter((k) => !ticks[k]))),
      20000);
    ws.on('tick', (tick) => {
      if (typeof tick !== 'object' || tick === null || !tick.token) {
        return; // "pong" and other text
      }
      const token = JSON.parse(tick.token); // the SDK's token field is a JSON string literal
      ticks[key(tick.subscription_mode, token)] = tick;
      if ([...wanted].every((k) => ticks[k])) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  config.subscriptions.forEach((s, i) => ws.fetchData({
    correlationID: 'c' + i, action: 1, mode: s.mode, exchangeType: s.exchangeType, tokens: s.tokens,
  }));
  await done;
  ws.close();
  result.ticks = ticks;
  console.log('RESULT ' + JSON.stringify(result));
}

main().then(() => process.exit(0), (e) => {
  console.error('sdk-check failed:', e && e.stack ? e.stack : e);
  process.exit(1);
});
