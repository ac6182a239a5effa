// The passkey4j demo page: sign up, then add, list, rename and remove passkeys through the demo's
// HTTP API (ZITADEL's User Service v2 shapes). No framework, no build step.
'use strict';

(() => {
  const SESSION_KEY = 'passkey4j-demo.session';
  const LOG_LIMIT = 30;
  const $ = (id) => document.getElementById(id);
  const rpId = document.body.dataset.rpId;
  const origin = document.body.dataset.origin;

  let session = loadSession();
  let renaming = null;
  let removing = null;

  // ------------------------------------------------------------------ the HTTP API

  class ApiError extends Error {
    constructor(status, body) {
      super(body && typeof body.message === 'string' ? body.message : 'the server answered HTTP ' + status);
      this.status = status;
      this.reason = body && Array.isArray(body.details) && body.details[0] ? body.details[0].id : undefined;
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (session) {
      headers.Authorization = 'Bearer ' + session.sessionToken;
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
    if (response.status === 401 && session) {
      forgetSession();
      render();
      throw new Error('Your session is no longer valid (it expired, or the demo database was replaced). Sign up again to continue.');
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }

  const userPath = () => '/v2/users/' + encodeURIComponent(session.userId) + '/passkeys';

  // ------------------------------------------------------------------ WebAuthn JSON, with a fallback

  // Browsers with WebAuthn Level 3 read the server's JSON options and write the credential as JSON
  // themselves; for the others, these few lines do the same for the fields registration uses.
  function base64UrlToBytes(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function bytesToBase64Url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function creationOptionsFromJSON(json) {
    if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
      logNote('navigator.credentials.create() with the browser\'s PublicKeyCredential.parseCreationOptionsFromJSON()');
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    logNote('navigator.credentials.create() with the page\'s fallback: this browser lacks parseCreationOptionsFromJSON()');
    const options = Object.assign({}, json, {
      challenge: base64UrlToBytes(json.challenge),
      user: Object.assign({}, json.user, { id: base64UrlToBytes(json.user.id) }),
    });
    if (Array.isArray(json.excludeCredentials)) {
      options.excludeCredentials = json.excludeCredentials.map((c) => Object.assign({}, c, { id: base64UrlToBytes(c.id) }));
    }
    return options;
  }

  function credentialToJSON(credential) {
    if (typeof credential.toJSON === 'function') {
      return credential.toJSON();
    }
    logNote('credential written as JSON by the page\'s fallback: this browser lacks PublicKeyCredential.toJSON()');
    const r = credential.response;
    const response = {
      clientDataJSON: bytesToBase64Url(r.clientDataJSON),
      attestationObject: bytesToBase64Url(r.attestationObject),
      transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
    };
    if (typeof r.getAuthenticatorData === 'function') {
      response.authenticatorData = bytesToBase64Url(r.getAuthenticatorData());
    }
    if (typeof r.getPublicKeyAlgorithm === 'function') {
      response.publicKeyAlgorithm = r.getPublicKeyAlgorithm();
    }
    if (typeof r.getPublicKey === 'function' && r.getPublicKey()) {
      response.publicKey = bytesToBase64Url(r.getPublicKey());
    }
    return {
      id: credential.id,
      rawId: bytesToBase64Url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      response,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  /** The browser's own errors, in words a person understands. */
  function browserError(e) {
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

  // ------------------------------------------------------------------ actions

  async function signUp(event) {
    event.preventDefault();
    const loginName = $('login-name').value.trim();
    const displayName = $('display-name').value.trim();
    await busy($('signup-button'), async () => {
      const body = { loginName };
      if (displayName) {
        body.displayName = displayName;
      }
      const created = await api('POST', '/demo/users', body);
      session = { userId: created.userId, loginName, displayName: displayName || loginName, sessionToken: created.sessionToken };
      localStorage.setItem(SESSION_KEY, JSON.stringify(session));
      $('signup-form').reset();
      render();
      show('Welcome, ' + session.displayName + '. Add your first passkey.');
    });
  }

  async function addPasskey(event) {
    event.preventDefault();
    const name = $('passkey-name').value.trim();
    await busy($('add-button'), async () => {
      if (!window.PublicKeyCredential || !navigator.credentials) {
        throw new Error('This browser cannot create passkeys here: WebAuthn needs a recent browser and https or localhost.');
      }
      const started = await api('POST', userPath(), {});
      let credential;
      try {
        credential = await navigator.credentials.create({
          publicKey: creationOptionsFromJSON(started.publicKeyCredentialCreationOptions.publicKey),
        });
      } catch (e) {
        logNote('the browser refused: ' + e.name);
        throw browserError(e);
      }
      await api('POST', userPath() + '/' + encodeURIComponent(started.passkeyId), {
        publicKeyCredential: credentialToJSON(credential),
        passkeyName: name,
      });
      $('add-form').reset();
      await refresh();
      show('Passkey "' + name + '" added.');
    });
  }

  async function rename(event) {
    event.preventDefault();
    const name = $('rename-input').value.trim();
    const passkey = renaming;
    await busy($('rename-save'), async () => {
      await api('PATCH', userPath() + '/' + encodeURIComponent(passkey.id), { passkeyName: name });
      $('rename-dialog').close();
      await refresh();
      show('Passkey "' + passkey.name + '" renamed to "' + name + '".');
    });
  }

  async function remove(event) {
    event.preventDefault();
    const passkey = removing;
    await busy($('remove-confirm'), async () => {
      await api('DELETE', userPath() + '/' + encodeURIComponent(passkey.id));
      $('remove-dialog').close();
      await refresh();
      show('Passkey "' + passkey.name + '" removed. It can no longer sign in to this account.');
    });
  }

  async function refresh() {
    const list = await api('POST', userPath() + '/_search', {});
    renderPasskeys(list.result);
  }

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

  // ------------------------------------------------------------------ rendering

  function render() {
    $('signup').hidden = !!session;
    $('account').hidden = !session;
    if (session) {
      $('who').textContent = session.displayName === session.loginName
        ? session.loginName : session.displayName + ' (' + session.loginName + ')';
    }
  }

  function renderPasskeys(passkeys) {
    const rows = $('passkey-rows');
    rows.replaceChildren();
    for (const p of passkeys) {
      const row = document.createElement('tr');
      row.dataset.passkeyId = p.id;
      row.append(
        cell('name', p.name),
        cell('provider', p.providerName || 'Unknown', p.providerName ? '' : 'AAGUID ' + p.aaguid),
        timeCell('created', p.creationDate),
        p.lastUsedDate ? timeCell('last-used', p.lastUsedDate) : cell('last-used', 'Never'),
        cell('kind', p.backedUp ? 'Synced' : 'Device-bound',
          p.backedUp ? 'Backed up: the passkey is synced between your devices'
            : p.backupEligible ? 'Not backed up yet: it may be synced later' : 'Kept on this authenticator only'),
        actions(p));
      rows.append(row);
    }
    $('passkeys').hidden = passkeys.length === 0;
    $('no-passkeys').hidden = passkeys.length !== 0;
  }

  function cell(className, text, title) {
    const td = document.createElement('td');
    td.className = className;
    td.textContent = text;
    if (title) {
      td.title = title;
    }
    return td;
  }

  function timeCell(className, iso) {
    const td = document.createElement('td');
    td.className = className;
    const time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = new Date(iso).toLocaleString();
    time.title = iso;
    td.append(time);
    return td;
  }

  function actions(passkey) {
    const td = document.createElement('td');
    td.className = 'actions';
    const renameButton = button('Rename', 'Rename passkey ' + passkey.name, 'secondary', () => {
      renaming = passkey;
      $('rename-input').value = passkey.name;
      $('rename-dialog').showModal();
      $('rename-input').select();
    });
    const removeButton = button('Remove', 'Remove passkey ' + passkey.name, 'danger', () => {
      removing = passkey;
      $('remove-text').textContent = 'Remove the passkey "' + passkey.name + '"? It will no longer sign in to this account. '
        + 'The authenticator may still list it until you delete it there too.';
      $('remove-dialog').showModal();
    });
    renameButton.classList.add('rename');
    removeButton.classList.add('remove');
    td.append(renameButton, removeButton);
    return td;
  }

  function button(text, label, className, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.className = className;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
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
    if (e instanceof ApiError && e.reason) {
      const code = document.createElement('code');
      code.textContent = e.reason;
      p.append(' ', code);
    }
    p.hidden = false;
  }

  // ------------------------------------------------------------------ the call log

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
  }

  function details(summary, value) {
    const d = document.createElement('details');
    const s = document.createElement('summary');
    s.textContent = summary;
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(value, (key, v) => (key === 'sessionToken' ? '(left out)' : v), 2);
    d.append(s, pre);
    return d;
  }

  // ------------------------------------------------------------------ session and start

  function loadSession() {
    try {
      const s = JSON.parse(localStorage.getItem(SESSION_KEY));
      return s && s.userId && s.sessionToken ? s : null;
    } catch (e) {
      return null;
    }
  }

  function forgetSession() {
    session = null;
    localStorage.removeItem(SESSION_KEY);
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

  $('signup-form').addEventListener('submit', signUp);
  $('add-form').addEventListener('submit', addPasskey);
  $('rename-form').addEventListener('submit', rename);
  $('remove-form').addEventListener('submit', remove);
  $('rename-cancel').addEventListener('click', () => $('rename-dialog').close());
  $('remove-cancel').addEventListener('click', () => $('remove-dialog').close());
  $('signout').addEventListener('click', () => {
    forgetSession();
    clearMessages();
    render();
    show('Signed out of this browser.');
  });

  checkEnvironment();
  render();
  if (session) {
    busy($('add-button'), refresh);
  }
})();
