/* eslint-disable no-restricted-properties -- a bench preload, not app code: its one setting comes from the env */
'use strict';

// Preload for the general SP-API clients the bench compares with (`node --require <this> …`). Both hard-code
// Amazon's hosts: amazon-sp-api builds https://sellingpartnerapi-{region}.amazon.com and posts to
// https://api.amazon.com/auth/o2/token; @sp-api-sdk's auth posts to the same LWA URL from a module-level axios
// instance. Rather than patching the clients, this rewrites their outgoing https requests to those hosts into
// plain-HTTP requests to the local Amazon sandbox (MINT_HUB_BENCH_SANDBOX_URL), keeping method, path, query and
// headers. Anything else that is not loopback is refused, so a peer can never reach the internet from the bench.
//
// One translation, documented in bench/README.md: both clients post their LWA token request as JSON. Real LWA
// has been seen to accept JSON, but the sandbox implements the documented form encoding only (local/sandbox
// README), so the JSON body of a token request is re-encoded as application/x-www-form-urlencoded on the way.

const http = require('node:http');
const https = require('node:https');

const sandbox = new URL(process.env.MINT_HUB_BENCH_SANDBOX_URL || 'http://127.0.0.1:9');
if (sandbox.hostname !== '127.0.0.1') throw new Error('MINT_HUB_BENCH_SANDBOX_URL must be on 127.0.0.1');

const LWA_HOST = 'api.amazon.com';
const SPAPI_HOSTS = {
  'sellingpartnerapi-na.amazon.com': '/spapi/na',
  'sellingpartnerapi-eu.amazon.com': '/spapi/eu',
  'sellingpartnerapi-fe.amazon.com': '/spapi/fe',
};
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Normalizes the (url?, options?, callback?) forms of http(s).request into one options object. */
function requestOptions(args) {
  let [first, second, third] = args;
  let options;
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(first);
    options = {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
    };
    if (typeof second === 'object' && second !== null) options = { ...options, ...second };
    else third = second;
  } else {
    options = { ...first };
    third = second;
  }
  return { options, callback: typeof third === 'function' ? third : undefined };
}

function hostOf(options) {
  return String(options.hostname || options.host || '').replace(/:\d+$/, '');
}

/** The sandbox path for a request to one of Amazon's hosts, or undefined when the host is not Amazon's. */
function sandboxPath(host, path) {
  if (host === LWA_HOST) return path;
  const prefix = SPAPI_HOSTS[host];
  return prefix === undefined ? undefined : `${prefix}${path}`;
}

/** Buffers a token request's JSON body and sends it form-encoded instead (see the header comment). */
function reencodeJsonBodyAsForm(request) {
  const chunks = [];
  const write = request.write.bind(request);
  const end = request.end.bind(request);
  request.write = (chunk, encoding, callback) => {
    if (chunk !== undefined && chunk !== null)
      chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
    if (typeof callback === 'function') callback();
    else if (typeof encoding === 'function') encoding();
    return true;
  };
  request.end = (chunk, encoding, callback) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
    const text = Buffer.concat(chunks).toString('utf8');
    let body = text;
    try {
      const parsed = JSON.parse(text);
      body = new URLSearchParams(
        Object.entries(parsed).map(([key, value]) => [key, String(value)]),
      ).toString();
      request.setHeader('content-type', 'application/x-www-form-urlencoded');
    } catch {
      // not JSON: sent as it came
    }
    request.setHeader('content-length', Buffer.byteLength(body));
    write(body);
    const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function');
    return end(done);
  };
}

function redirectingRequest(loopbackRequest) {
  return function request(...args) {
    const { options, callback } = requestOptions(args);
    const host = hostOf(options);
    if (LOOPBACK.has(host)) return loopbackRequest(...args);
    const path = sandboxPath(host, options.path || '/');
    if (path === undefined) throw new Error(`The bench allows no connection to ${host || 'an unknown host'}`);
    const headers = { ...(options.headers || {}) };
    const isJson = Object.entries(headers).some(
      ([name, value]) => name.toLowerCase() === 'content-type' && String(value).includes('json'),
    );
    const rewritten = {
      method: options.method || 'GET',
      protocol: 'http:',
      hostname: sandbox.hostname,
      port: sandbox.port,
      path,
      headers,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    const outgoing = originalHttpRequest(rewritten, callback);
    if (host === LWA_HOST && isJson) reencodeJsonBodyAsForm(outgoing);
    return outgoing;
  };
}

function redirectingGet(requestFunction) {
  return function get(...args) {
    const outgoing = requestFunction(...args);
    outgoing.end();
    return outgoing;
  };
}

const originalHttpRequest = http.request.bind(http);
const originalHttpsRequest = https.request.bind(https);
https.request = redirectingRequest(originalHttpsRequest);
https.get = redirectingGet(https.request);
http.request = redirectingRequest(originalHttpRequest);
http.get = redirectingGet(http.request);

// Neither client uses fetch today; should one start to, it meets the same rules.
const originalFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (LOOPBACK.has(url.hostname)) return originalFetch(input, init);
  const path = sandboxPath(url.hostname, `${url.pathname}${url.search}`);
  if (path === undefined)
    return Promise.reject(new Error(`The bench allows no connection to ${url.hostname}`));
  return originalFetch(`${sandbox.origin}${path}`, init);
};
