// What the demo page and the page a registration link opens share: calling the demo's HTTP API
// (and listing the calls, secrets left out), the page's messages, and the browser side of passkeys from
// passkey4j.js (the WebJar of passkey4j-js: WebAuthn's JSON with a fallback for older browsers, the
// Signal API). An ES module; the page's other scripts find it as window.demo. No framework, no build step.
import * as passkey4j from '/passkey4j.js';

window.demo = (() => {
  const LOG_LIMIT = 30;
  const LEFT_OUT = '(left out)';
  const $ = (id) => document.getElementById(id);
  const rpId = document.body.dataset.rpId;
  const origin = document.body.dataset.origin;

  // ------------------------------------------------------------------ the HTTP API

  class ApiError extends Error {
    constructor(status, body) {
      super(body && typeof body.message === 'string' ? body.message : 'the server answered HTTP ' + status);
      this.status = status;
      this.reason = body && Array.isArray(body.details) && body.details[0] ? body.details[0].id : undefined;
      // the server's signalUnknownCredential payload, when it says the browser may forget the credential
      this.unknownCredential = passkey4j.unknownCredentialSignal(body);
    }
  }

  /** Passes the server's Signal API payloads to the browser where it has the calls (passkey4j.js). */
  async function sendSignals(signals) {
    await passkey4j.sendSignals(signals, { log: logNote });
  }


  /** Calls the demo's API, with the token as bearer when there is one; returns the JSON or throws an ApiError. */
  async function api(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      logCall(method, path, body, 0, null);
      throw new Error('The demo server cannot be reached. Is it still running?');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    logCall(method, path, body, response.status, json);
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }

  // ------------------------------------------------------------------ WebAuthn JSON (passkey4j.js)

  const creationOptionsFromJSON = (json) => passkey4j.parseCreationOptions(json, { log: logNote });
  const requestOptionsFromJSON = (json, mediation) => passkey4j.parseRequestOptions(json, { log: logNote, mediation });
  const credentialToJSON = (credential) => passkey4j.toJSON(credential, { log: logNote });

  /** The browser's refusals to create a passkey, in words a person understands. */
  function creationError(e) {
    switch (e && e.name) {
      case 'InvalidStateError':
        return new Error('This authenticator already holds a passkey for your account, so the browser did not create another one. '
          + 'Use a different authenticator, or remove the old passkey first.');
      case 'NotAllowedError':
        return new Error('No passkey was created: the request was cancelled or timed out, or no authenticator could verify you '
          + '(this demo requires user verification: a PIN, fingerprint, face or screen lock).');
      case 'AbortError':
        return new Error('No passkey was created: the request was cancelled.');
      case 'SecurityError':
        return new Error('The browser refused to create a passkey for RP id "' + rpId + '" on ' + location.origin
          + '. Open the demo at ' + origin + '.');
      case 'NotSupportedError':
        return new Error('No authenticator here supports what the server asked for (a discoverable credential with an ES256, EdDSA or RS256 key).');
      default:
        return new Error('The browser could not create a passkey: ' + (e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : e));
    }
  }

  function checkEnvironment() {
    const warnings = [];
    if (location.origin !== origin) {
      warnings.push('This page is open on ' + location.origin + ', but the demo creates passkeys for ' + origin
        + ' (RP id ' + rpId + '); the browser will refuse them here. Open ' + origin + ' instead.');
    }
    if (!window.PublicKeyCredential) {
      warnings.push('This browser has no WebAuthn support here (it needs a recent browser and https or localhost).');
    }
    if (warnings.length) {
      $('environment-warning').textContent = warnings.join(' ');
      $('environment-warning').hidden = false;
    }
  }

  // ------------------------------------------------------------------ messages

  /** Runs an action with its button disabled; shows what went wrong. */
  async function busy(button, action) {
    clearMessages();
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await action();
    } catch (e) {
      showError(e);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  function clearMessages() {
    $('status').hidden = true;
    $('error').hidden = true;
  }

  function show(message) {
    $('status').textContent = message;
    $('status').hidden = false;
  }

  function showError(e) {
    const p = $('error');
    p.replaceChildren(document.createTextNode(e.message));
    if (e.reason) {
      const code = document.createElement('code');
      code.textContent = e.reason;
      p.append(' ', code);
    }
    p.hidden = false;
  }

  // ------------------------------------------------------------------ the call log

  /**
   * What the log shows of a body: session tokens and registration codes are left out (a code is a
   * password until it is used), also inside a registration link.
   */
  function redact(key, value) {
    if (key === 'sessionToken' && typeof value === 'string') {
      return LEFT_OUT;
    }
    if (key === 'code' && typeof value === 'string') {
      return LEFT_OUT;
    }
    if (key === 'link' && typeof value === 'string') {
      return value.replace(/([?&]code=)[^&#]*/, '$1' + LEFT_OUT);
    }
    return value;
  }

  function logCall(method, path, body, status, response) {
    const item = document.createElement('li');
    const head = document.createElement('div');
    head.className = 'call ' + (status >= 200 && status < 300 ? 'good' : 'bad');
    head.textContent = method + ' ' + path + ' \u2192 ' + (status || 'no answer');
    item.append(head);
    if (body !== undefined) {
      item.append(details('request', body));
    }
    if (response !== null) {
      item.append(details('response', response));
    }
    prepend(item);
  }

  function logNote(text) {
    const item = document.createElement('li');
    item.className = 'note';
    item.textContent = 'browser: ' + text;
    prepend(item);
  }

  function prepend(item) {
    const log = $('api-log');
    log.prepend(item);
    while (log.children.length > LOG_LIMIT) {
      log.lastElementChild.remove();
    }
    log.start = log.children.length; // a reversed list counts down from here (browsers miscount on their own)
  }

  function details(summary, value) {
    const d = document.createElement('details');
    const s = document.createElement('summary');
    s.textContent = summary;
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(value, redact, 2);
    d.append(s, pre);
    return d;
  }

  /**
   * A passkey upgrade (conditional create) where the browser can: the password manager may create the
   * passkey without a dialog right after a password sign-in it filled in, or never answer (then the
   * signal gives up). Resolves to the credential JSON, or null when the browser has no conditional create.
   */
  async function upgrade(creationOptions, signal) {
    if (!await passkey4j.conditionalCreateAvailable()) {
      logNote('no passkey upgrade: this browser has no conditional create (getClientCapabilities)');
      return null;
    }
    return passkey4j.register(creationOptions.publicKey,
      { mediation: creationOptions.mediation || 'conditional', signal, log: logNote });
  }

  return {
    $, rpId, origin, ApiError, api, sendSignals, upgrade, creationOptionsFromJSON, requestOptionsFromJSON, credentialToJSON, creationError,
    checkEnvironment, busy, clearMessages, show, showError, logNote,
  };
})();
