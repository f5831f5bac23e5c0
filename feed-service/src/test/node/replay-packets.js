// Decodes SmartAPI WebSocket 2.0 packets with Angel One's official JavaScript SDK (smartapi-javascript 1.0.27), for
// AngelSdkAgreementTest to compare with our Java decoder tick for tick. The SDK decodes only inside its WebSocketV2,
// so this serves the packets from a local WebSocket server (the SDK's own `ws` dependency) and records the SDK's
// 'tick' events in order. Usage: node replay-packets.js <file: JSON array of base64 packets>; prints "RESULT <json>".
'use strict';

const fs = require('fs');
const WebSocket = require('ws');

process.on('unhandledRejection', (e) => console.error('ignored unhandled rejection:', e && e.message));

const packets = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).map((b64) => Buffer.from(b64, 'base64'));
const server = new WebSocket.Server({ host: '127.0.0.1', port: 0 }, () => {
  // The URL is a constant of the SDK's config module, read when a WebSocketV2 is constructed.
  const constants = require('smartapi-javascript/config/constant');
  constants.CONSTANTS.websocketURL = 'ws://127.0.0.1:' + server.address().port + '/smart-stream';
  const { WebSocketV2 } = require('smartapi-javascript');
  const ticks = [];
  const timer = setTimeout(() => {
    console.error('only ' + ticks.length + ' of ' + packets.length + ' ticks decoded');
    process.exit(1);
  }, 20000);
  const sdk = new WebSocketV2({ clientcode: 'S100001', jwttoken: 'jwt', apikey: 'key', feedtype: 'feed' });
  sdk.on('tick', (tick) => {
    if (typeof tick !== 'object' || tick === null) {
      return; // text such as "pong"
    }
    ticks.push(tick);
    if (ticks.length === packets.length) {
      clearTimeout(timer);
      console.log('RESULT ' + JSON.stringify(ticks));
      process.exit(0);
    }
  });
  sdk.connect();
});
server.on('connection', (socket) => {
  socket.on('message', () => { }); // the SDK's pings
  packets.forEach((p) => socket.send(p, { binary: true }));
});
