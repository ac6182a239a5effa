// passkey4j.js: the browser side of passkeys for a passkey4j server. A framework-free ES module, no build
// step, no dependencies. WebAuthn Level 3 JSON (PublicKeyCredential.parseCreationOptionsFromJSON,
// parseRequestOptionsFromJSON, toJSON) where the browser has it, with a fallback for browsers without it;
// the Signal API where the browser has it. Every function takes an optional { log } callback that is told
// which path was taken, in words.
//
//   import * as passkey4j from '/passkey4j.js';
//   const credential = await passkey4j.register(creationOptions.publicKey);    // JSON for the server
//   const assertion = await passkey4j.signIn(requestOptions.publicKey);        // JSON for the server
//   await passkey4j.sendSignals(answer.signals);                               // after a sign-in or removal
//   await passkey4j.register(upgrade.publicKey, { mediation: upgrade.mediation }); // a passkey upgrade
//   await passkey4j.signIn(requestOptions.publicKey, { onPrf: (r) => derive(r.first) }); // PRF stays here

const quiet = () => {};

/** @returns {ArrayBuffer} the bytes of a base64url string */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes.buffer;
}

/** @returns {string} base64url without padding */
export function bytesToBase64Url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) {
    binary += String.fromCharCode(bytes[i]);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** PRF inputs (extensions.prf.eval / evalByCredential: first, second) as bytes; evalByCredential keys stay base64url. */
function withPrfBytes(extensions) {
  if (!extensions || !extensions.prf) {
    return extensions;
  }
  const values = (v) => (v ? Object.assign({}, v, {
    first: base64UrlToBytes(v.first),
    second: v.second === undefined ? undefined : base64UrlToBytes(v.second),
  }) : v);
  const prf = Object.assign({}, extensions.prf);
  if (prf.eval) {
    prf.eval = values(prf.eval);
  }
  if (prf.evalByCredential) {
    prf.evalByCredential = Object.fromEntries(Object.entries(prf.evalByCredential).map(([id, v]) => [id, values(v)]));
  }
  return Object.assign({}, extensions, { prf });
}

const withIds = (list) => (Array.isArray(list) ? list.map((c) => Object.assign({}, c, { id: base64UrlToBytes(c.id) })) : list);

/** The server's creation options (the JSON inside "publicKey") as navigator.credentials.create() takes them. */
export function parseCreationOptions(json, { log = quiet } = {}) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    log('navigator.credentials.create() with the browser\'s PublicKeyCredential.parseCreationOptionsFromJSON()');
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  log('navigator.credentials.create() with the page\'s fallback: this browser lacks parseCreationOptionsFromJSON()');
  return Object.assign({}, json, {
    challenge: base64UrlToBytes(json.challenge),
    user: Object.assign({}, json.user, { id: base64UrlToBytes(json.user.id) }),
    excludeCredentials: withIds(json.excludeCredentials),
    extensions: withPrfBytes(json.extensions),
  });
}

/** The server's request options (the JSON inside "publicKey") as navigator.credentials.get() takes them. */
export function parseRequestOptions(json, { log = quiet, mediation = null } = {}) {
  const call = 'navigator.credentials.get(' + (mediation ? '{mediation: "' + mediation + '"}' : '') + ')';
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    log(call + ' with the browser\'s PublicKeyCredential.parseRequestOptionsFromJSON()');
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  log(call + ' with the page\'s fallback: this browser lacks parseRequestOptionsFromJSON()');
  return Object.assign({}, json, {
    challenge: base64UrlToBytes(json.challenge),
    allowCredentials: withIds(json.allowCredentials),
    extensions: withPrfBytes(json.extensions),
  });
}

/** A new credential (registration) or an assertion (sign-in), as PublicKeyCredential.toJSON() writes it. */
export function toJSON(credential, { log = quiet } = {}) {
  if (typeof credential.toJSON === 'function') {
    return credential.toJSON();
  }
  log('credential written as JSON by the page\'s fallback: this browser lacks PublicKeyCredential.toJSON()');
  const r = credential.response;
  let response;
  if (r.signature) {
    response = {
      clientDataJSON: bytesToBase64Url(r.clientDataJSON),
      authenticatorData: bytesToBase64Url(r.authenticatorData),
      signature: bytesToBase64Url(r.signature),
      userHandle: r.userHandle ? bytesToBase64Url(r.userHandle) : null,
    };
  } else {
    response = {
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

/**
 * Creates a passkey from the server's creation options; resolves to the credential JSON for the server.
 * With { mediation: 'conditional' } (a passkey4j server says so in a passkey upgrade's options, right
 * after a password sign-in) the browser's password manager may create it without a dialog, or never
 * answer: pass a signal to give up (see conditionalCreateAvailable()).
 */
export async function register(creationOptionsJSON, { mediation = null, signal, log = quiet } = {}) {
  const publicKey = parseCreationOptions(creationOptionsJSON, { log });
  const request = { publicKey };
  if (mediation) {
    request.mediation = mediation;
    log('navigator.credentials.create({mediation: "' + mediation + '"})');
  }
  if (signal) {
    request.signal = signal;
  }
  const credential = await navigator.credentials.create(request);
  return withoutPrfResults(toJSON(credential, { log }));
}

/** @returns {Promise<boolean>} whether the browser can upgrade a password sign-in to a passkey (conditional create) */
export async function conditionalCreateAvailable() {
  if (!window.PublicKeyCredential || typeof PublicKeyCredential.getClientCapabilities !== 'function') {
    return false;
  }
  try {
    const capabilities = await PublicKeyCredential.getClientCapabilities();
    return Boolean(capabilities && capabilities.conditionalCreate);
  } catch (e) {
    return false;
  }
}

/**
 * Signs in from the server's request options; resolves to the assertion JSON for the server. With
 * { mediation: 'conditional' } the browser offers the passkeys in the autofill of a field marked
 * autocomplete="username webauthn" (see conditionalMediationAvailable()). PRF outputs (the server's
 * options ask for them with extensions.prf.evalByCredential) go to onPrf({ first, second }) as bytes and
 * never into the JSON for the server: they are the page's secrets.
 */
export async function signIn(requestOptionsJSON, { mediation = null, signal, onPrf = null, log = quiet } = {}) {
  const request = { publicKey: parseRequestOptions(requestOptionsJSON, { log, mediation }) };
  if (mediation) {
    request.mediation = mediation;
  }
  if (signal) {
    request.signal = signal;
  }
  const credential = await navigator.credentials.get(request);
  const extensions = credential.getClientExtensionResults();
  if (onPrf && extensions.prf && extensions.prf.results) {
    onPrf(extensions.prf.results);
  }
  return withoutPrfResults(toJSON(credential, { log }));
}

/** The credential JSON without PRF outputs, which must never leave the page. */
function withoutPrfResults(json) {
  const results = json.clientExtensionResults;
  if (results && results.prf && results.prf.results !== undefined) {
    const prf = Object.assign({}, results.prf);
    delete prf.results;
    return Object.assign({}, json, { clientExtensionResults: Object.assign({}, results, { prf }) });
  }
  return json;
}

/** @returns {Promise<boolean>} whether the browser offers passkeys in autofill (conditional UI) */
export async function conditionalMediationAvailable() {
  return Boolean(window.PublicKeyCredential
    && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function'
    && await PublicKeyCredential.isConditionalMediationAvailable());
}

/**
 * Passes the server's Signal API payloads (WebAuthn Level 3) to the browser where it has the calls, so
 * that password managers forget removed passkeys and show current names: { allAcceptedCredentials,
 * currentUserDetails, unknownCredential }, as a passkey4j server answers them. Optional hints: a browser
 * without the calls, or one that refuses, changes nothing.
 */
export async function sendSignals(signals, { log = quiet } = {}) {
  if (!signals || !window.PublicKeyCredential) {
    return;
  }
  const calls = [
    ['signalAllAcceptedCredentials', signals.allAcceptedCredentials],
    ['signalCurrentUserDetails', signals.currentUserDetails],
    ['signalUnknownCredential', signals.unknownCredential],
  ];
  for (const [name, payload] of calls) {
    if (!payload || typeof PublicKeyCredential[name] !== 'function') {
      continue;
    }
    const args = name === 'signalUnknownCredential'
      ? { rpId: payload.rpId, credentialId: payload.credentialId } : payload;
    try {
      await PublicKeyCredential[name](args);
      log('PublicKeyCredential.' + name + '() sent');
    } catch (e) {
      log('PublicKeyCredential.' + name + '() refused: ' + (e && e.name));
    }
  }
}

/** The unknownCredential signal of a passkey4j error body, if it carries one. */
export function unknownCredentialSignal(errorBody) {
  return errorBody && Array.isArray(errorBody.details)
    ? errorBody.details.find((d) => d && d['@type'] === 'type.googleapis.com/passkey4j.v1.UnknownCredentialSignal')
    : undefined;
}
