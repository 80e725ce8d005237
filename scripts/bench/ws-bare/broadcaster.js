// The reference of scripts/bench/ws-fanout-live.sh: a bare Node.js `ws` broadcaster. It generates trades the way the
// `simulated` source does (a 10 ms timer, the trades owed for the time elapsed, each on a random one of SYM1..SYMn,
// `ts` = the instant generated, `seq` never below ts in microseconds), encodes each trade once as the frame NDC sends
// ({"type":"trade","symbol","price","size","ts","seq"}) and writes it to every socket subscribed to its symbol.
// Nothing else: no auth check, no bus, no slow-client handling.
// Usage: node broadcaster.js PORT PREFIX SYMBOLS TRADES_PER_SECOND
'use strict';
const { WebSocketServer } = require('ws');

const [port, prefix, count, rate] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const subscribers = new Map(); // symbol -> Set of sockets
const prices = new Float64Array(count + 1).map(() => 20 + Math.random() * 480);
const seqs = new Array(count + 1).fill(0);

const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
server.on('connection', (socket) => {
  const mine = [];
  socket.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch (e) {
      return;
    }
    if (frame.action === 'subscribe' && Array.isArray(frame.symbols)) {
      for (const symbol of frame.symbols) {
        let set = subscribers.get(symbol);
        if (!set) subscribers.set(symbol, (set = new Set()));
        set.add(socket);
        mine.push(symbol);
      }
      socket.send(JSON.stringify({ type: 'subscribed', channels: frame.channels, symbols: mine }));
    }
  });
  socket.on('close', () => mine.forEach((symbol) => subscribers.get(symbol).delete(socket)));
});

function gaussian() {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

let last = process.hrtime.bigint();
let owed = 0;
setInterval(() => {
  const now = process.hrtime.bigint();
  owed += rate * Math.min(0.1, Number(now - last) / 1e9);
  last = now;
  const trades = Math.floor(owed);
  owed -= trades;
  const millis = Date.now();
  const ts = new Date(millis).toISOString();
  for (let n = 0; n < trades; n++) {
    const i = 1 + Math.floor(Math.random() * count);
    prices[i] = Math.max(0.01, Math.round(prices[i] * (1 + gaussian() * 0.0005) * 100) / 100);
    seqs[i] = Math.max(seqs[i] + 1, millis * 1000);
    const symbol = prefix + i;
    const text = JSON.stringify({ type: 'trade', symbol, price: prices[i], size: 1 + Math.floor(Math.random() * 500), ts, seq: seqs[i] });
    const set = subscribers.get(symbol);
    if (set) for (const socket of set) socket.send(text);
  }
}, 10);

server.on('listening', () => console.log(`bare ws broadcaster on ${port}: ${count} symbols, ${rate} trades/s`));
