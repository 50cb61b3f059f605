// Preloaded (node --require) into the WeChat compiler's process and, through NODE_OPTIONS, into
// every process it forks: refuses every TCP connection, this machine's too (a local proxy would
// carry it on), before any DNS lookup or packet; unix sockets and pipes stay open. Appends what
// was attempted to the file named by WEAPP_CHECK_NETWORK_LOG, one JSON line each, so the check
// can tell the attempts apart.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');

const logFile = process.env.WEAPP_CHECK_NETWORK_LOG;

function record(entry) {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

// URLs are known only at the HTTP layer; the refusal itself happens at the socket below.
for (const [mod, protocol] of [
  [http, 'http:'],
  [https, 'https:'],
]) {
  for (const name of ['request', 'get']) {
    const original = mod[name];
    mod[name] = function (...args) {
      const [first, second] = args;
      let url;
      if (typeof first === 'string' || first instanceof URL) url = String(first);
      else if (first && typeof first === 'object') {
        const host = first.hostname ?? first.host ?? 'localhost';
        url = `${first.protocol ?? protocol}//${host}${first.port ? `:${first.port}` : ''}${first.path ?? '/'}`;
      }
      if (url === undefined && second && typeof second === 'object') url = `${protocol}//${second.host}`;
      record({ kind: 'http', url: url ?? '(unknown)' });
      return original.apply(this, args);
    };
  }
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof options === 'object' && options !== null
      ? { host: options.host ?? 'localhost', port: options.port, path: options.path }
      : typeof options === 'string' && Number.isNaN(Number(options))
        ? { path: options }
        : { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: options };
  // An HTTP agent passes `path: null` beside host and port: only a named path is a local socket.
  if (target.path) return originalConnect.apply(this, args);
  record({ kind: 'socket', host: target.host, port: target.port });
  const error = Object.assign(new Error(`network disabled by weapp-compile-check: ${target.host}:${target.port}`), {
    code: 'ECONNREFUSED',
  });
  process.nextTick(() => this.destroy(error));
  return this;
};
