// The official Vert.x event-bus JavaScript client over SockJS, driven over stdin by the Java bridge tests.
// Usage: node sockjs-probe.js URL [TOKEN]. Commands: "register ADDRESS", "send ADDRESS JSON" (request-reply),
// "publish ADDRESS JSON", "token TOKEN" (default headers from now on), "close".
// Prints OPEN, FRAME <ms> <json> for every message, reply and error, and CLOSED.
const EventBus = require('@vertx/eventbus-bridge-client.js');
const readline = require('readline');

const [url, token] = process.argv.slice(2);
const eb = new EventBus(url);
if (token) eb.defaultHeaders = { Authorization: 'Bearer ' + token };
const print = (what) => console.log('FRAME ' + Date.now() + ' ' + JSON.stringify(what));

eb.onerror = (err) => print({ kind: 'error', error: err });
eb.onclose = () => { console.log('CLOSED 0 closed'); process.exit(0); };
eb.onopen = () => {
  console.log('OPEN');
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, address, ...rest] = line.split(' ');
    const body = rest.length ? JSON.parse(rest.join(' ')) : {};
    if (command === 'register') {
      eb.registerHandler(address, (err, msg) => print(err ? { kind: 'error', address, error: err } : { kind: 'message', address, body: msg.body }));
    } else if (command === 'send') {
      eb.send(address, body, {}, (err, reply) => print(err ? { kind: 'reply-error', address, error: err } : { kind: 'reply', address, body: reply.body }));
    } else if (command === 'publish') {
      eb.publish(address, body);
    } else if (command === 'token') {
      eb.defaultHeaders = { Authorization: 'Bearer ' + address };
    } else if (command === 'close') {
      eb.close();
    }
  });
};
