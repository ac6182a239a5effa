// The passkey4j demo page: sign up or sign in with a passkey, then add, list, rename and remove
// passkeys, and make a link that adds one from another device, through the demo's HTTP API
// (ZITADEL's shapes). Uses common.js. No framework, no build step.
'use strict';

(() => {
  const SESSION_KEY = 'passkey4j-demo.session';
  const UV_REQUIRED = 'USER_VERIFICATION_REQUIREMENT_REQUIRED';
  const { $, rpId, api, busy, clearMessages, show, showError, logNote } = demo;

  let session = loadSession();
  let renaming = null;
  let removing = null;
  /** The pending conditional (autofill) sign-in: {controller, done}, or null. */
  let conditional = null;
  /** How many flows want WebAuthn to themselves now: no autofill request may start meanwhile. */
  let holds = 0;
  /** The pending passkey upgrade's AbortController, or null: other WebAuthn flows end it first. */
  let upgrading = null;

  function stopUpgrade() {
    if (upgrading) {
      upgrading.abort();
      upgrading = null;
    }
  }

  // ------------------------------------------------------------------ the signed-in user's API

  /** A call with the session's bearer token; a 401 means the session is over. */
  async function call(method, path, body) {
    try {
      return await api(method, path, body, session.sessionToken);
    } catch (e) {
      if (e instanceof demo.ApiError && e.status === 401) {
        forgetSession();
        render();
        startConditional();
        throw new Error('Your session is no longer valid (it expired, you signed out elsewhere, or the demo database was replaced). '
          + 'Sign in again to continue.');
      }
      throw e;
    }
  }

  const userPath = () => '/v2/users/' + encodeURIComponent(session.userId) + '/passkeys';

  // ------------------------------------------------------------------ sign-up and sign-in

  async function signUp(event) {
    event.preventDefault();
    const loginName = $('login-name').value.trim();
    const displayName = $('display-name').value.trim();
    const password = $('signup-password').value;
    await busy($('signup-button'), async () => {
      const body = { loginName };
      if (displayName) {
        body.displayName = displayName;
      }
      if (password) {
        body.password = password;
      }
      await withoutAutofill(async () => {
        const created = await api('POST', '/demo/users', body);
        remember({ userId: created.userId, loginName, displayName: displayName || loginName, sessionToken: created.sessionToken });
      });
      $('signup-form').reset();
      render();
      await refresh();
      show('Welcome, ' + session.displayName + '. Add your first passkey.');
    });
  }

  /**
   * Username-first: the login name names the account; only its passkeys are offered. With a password,
   * a password sign-in instead, and then the passkey upgrade where the browser has it.
   */
  async function signInWithName(event) {
    event.preventDefault();
    const loginName = $('signin-name').value.trim();
    const password = $('signin-password').value;
    if (password) {
      await busy($('signin-button'), () => passwordSignIn(loginName, password));
      return;
    }
    await busy($('signin-button'), () => modalSignIn(loginName));
  }

  /** A password sign-in (the demo's own), then a passkey upgrade without a dialog where the browser can. */
  async function passwordSignIn(loginName, password) {
    await withoutAutofill(async () => {
      const signedIn = await api('POST', '/demo/sign-in/password', { loginName, password });
      remember({ userId: signedIn.userId, loginName, displayName: loginName, sessionToken: signedIn.sessionToken });
    });
    $('signin-form').reset();
    render();
    await refresh();
    show('Signed in with your password.');
    // not awaited: the browser may answer much later, or never (then it is given up after a minute)
    upgradeAfterPassword();
  }

  /** The upgrade: the password manager that filled the password in may add a passkey on its own. */
  async function upgradeAfterPassword() {
    stopUpgrade();
    const controller = new AbortController();
    upgrading = controller;
    setTimeout(() => controller.abort(), 60000);
    try {
      const started = await call('POST', userPath(), { conditional: true });
      const credential = await demo.upgrade(started.publicKeyCredentialCreationOptions, controller.signal);
      if (!credential) {
        return;
      }
      await call('POST', userPath() + '/' + encodeURIComponent(started.passkeyId), {
        publicKeyCredential: credential,
        passkeyName: 'Passkey (added after a password sign-in)',
      });
      await refresh();
      show('Your password manager added a passkey: next time, sign in with it.');
    } catch (e) {
      logNote('no passkey upgrade: ' + (e && (e.name || e.message)));
    } finally {
      if (upgrading === controller) {
        upgrading = null;
      }
    }
  }

  /** Usernameless: the browser offers every passkey it has for this site; the chosen one names the account. */
  async function signInWithPasskey() {
    await busy($('passkey-button'), () => modalSignIn(null));
  }

  function modalSignIn(loginName) {
    // the person may have picked a suggestion just before: that sign-in finishes first, and suffices
    return withoutAutofill(() => (session ? undefined : signIn(loginName, null)));
  }

  /** Runs a flow with the autofill request stopped (and waited for), and offers autofill again after it. */
  async function withoutAutofill(flow) {
    holds++;
    try {
      await stopConditional();
      return await flow();
    } finally {
      holds--;
      startConditional();
    }
  }

  /**
   * Autofill: when the browser can offer passkeys in the login name field's suggestions, a sign-in
   * waits for the person to pick one there. It is renewed before its challenge expires, and stopped
   * (aborted, and waited for) before any other WebAuthn call.
   */
  async function startConditional() {
    if (session || conditional || holds > 0 || !window.PublicKeyCredential
        || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function') {
      return;
    }
    let available = false;
    try {
      available = await PublicKeyCredential.isConditionalMediationAvailable();
    } catch (e) {
      available = false;
    }
    if (!available || session || conditional || holds > 0) {
      return;
    }
    const controller = new AbortController();
    const mine = { controller, done: null };
    conditional = mine;
    mine.done = (async () => {
      let again = false;
      try {
        await signIn(null, controller);
      } catch (e) {
        if (controller.signal.aborted) {
          again = controller.signal.reason === 'renew';
        } else if (e.afterAssertion) {
          // the person picked a passkey and the server refused it: say why, and offer them again
          clearMessages();
          showError(e);
          again = true;
        }
        // else the browser gave up on its own (no passkey to offer, say): nobody asked, nothing to say
      } finally {
        if (conditional === mine) {
          conditional = null;
          if (again && !session) {
            startConditional();
          }
        }
      }
    })();
  }

  async function stopConditional() {
    const pending = conditional;
    conditional = null;
    if (pending) {
      pending.controller.abort('stopped');
      await pending.done;
    }
  }

  /**
   * One sign-in: POST /v2/sessions, the browser's assertion, PATCH /v2/sessions/{id} (which answers
   * the token that is then a bearer), GET /v2/sessions/{id} for who signed in.
   */
  async function signIn(loginName, controller) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      throw new Error('This browser cannot sign in with passkeys here: WebAuthn needs a recent browser and https or localhost.');
    }
    const body = { challenges: { webAuthN: { domain: rpId, userVerificationRequirement: UV_REQUIRED } } };
    if (loginName) {
      body.checks = { user: { loginName } };
    }
    let created;
    try {
      created = await api('POST', '/v2/sessions', body);
    } catch (e) {
      throw beginError(e, loginName);
    }
    const sessionPath = '/v2/sessions/' + encodeURIComponent(created.sessionId);
    const publicKey = created.challenges.webAuthN.publicKeyCredentialRequestOptions.publicKey;
    let renewal = null;
    let credential;
    try {
      const request = { publicKey: demo.requestOptionsFromJSON(publicKey, controller ? 'conditional' : null) };
      if (controller) {
        request.mediation = 'conditional';
        request.signal = controller.signal;
        renewal = setTimeout(() => controller.abort('renew'), publicKey.timeout || 60000);
      }
      credential = await navigator.credentials.get(request);
    } catch (e) {
      if (controller && controller.signal.aborted) {
        throw e;
      }
      logNote('the browser refused: ' + e.name);
      throw assertionError(e, loginName);
    } finally {
      clearTimeout(renewal);
    }
    let checked;
    try {
      checked = await api('PATCH', sessionPath,
        { checks: { webAuthN: { credentialAssertionData: demo.credentialToJSON(credential) } } }, created.sessionToken);
    } catch (e) {
      const refused = await refusal(e, credential, loginName);
      refused.afterAssertion = true;
      throw refused;
    }
    await demo.sendSignals(checked.signals);
    const read = await api('GET', sessionPath, undefined, checked.sessionToken);
    const user = read.session.factors.user;
    remember({ userId: user.id, loginName: user.loginName, displayName: user.displayName || user.loginName,
      sessionToken: checked.sessionToken, sessionId: created.sessionId });
    render();
    await refresh();
    clearMessages();
    show('Signed in as ' + who() + ' with a passkey.');
  }

  function beginError(e, loginName) {
    if (e.reason === 'DEMO-USER-NOT-FOUND') {
      return withReason(e, 'No account has the login name "' + loginName + '". Check it, or sign up below.');
    }
    if (e.reason === 'PASSKEY-NO-PASSKEYS') {
      return withReason(e, 'The account "' + loginName + '" has no passkey yet, so it cannot sign in with one.');
    }
    return e;
  }

  /** The browser's refusals to sign in, in words a person understands. */
  function assertionError(e, loginName) {
    switch (e && e.name) {
      case 'NotAllowedError':
        return new Error('No passkey was used: the request was cancelled or timed out, or no passkey '
          + (loginName ? 'of "' + loginName + '" ' : 'for this site ') + 'is on this device '
          + '(this demo also requires user verification: a PIN, fingerprint, face or screen lock).');
      case 'AbortError':
        return new Error('The sign-in was cancelled.');
      case 'SecurityError':
        return new Error('The browser refused to sign in for RP id "' + rpId + '" on ' + location.origin
          + '. Open the demo at ' + demo.origin + '.');
      default:
        return new Error('The browser could not sign in: ' + (e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : e));
    }
  }

  /** The server refused the passkey the browser gave: say why, and tell the password manager of an unknown one. */
  async function refusal(e, credential, loginName) {
    switch (e.reason) {
      case 'PASSKEY-CREDENTIAL-UNKNOWN':
        // only the server's signal: it is sent only when the assertion otherwise answered this sign-in
        await demo.sendSignals({ unknownCredential: e.unknownCredential });
        return withReason(e, 'The demo refused this passkey: it is not registered (any more). It may have been removed '
          + 'from its account; you can delete it from your password manager. Use another passkey.');
      case 'PASSKEY-CREDENTIAL-NOT-OWNED':
        return withReason(e, 'The demo refused this passkey: it belongs to another account than "' + loginName
          + '". Choose a passkey of that account, or sign in without a login name.');
      case 'PASSKEY-CEREMONY-EXPIRED':
        return withReason(e, 'The sign-in took too long and expired. Try again.');
      case 'PASSKEY-USER-VERIFICATION-MISSING':
        return withReason(e, 'The demo refused this passkey: the authenticator did not verify you (a PIN, fingerprint, '
          + 'face or screen lock), which this demo requires.');
      default:
        return e instanceof demo.ApiError ? withReason(e, 'The demo refused this passkey: ' + e.message) : e;
    }
  }

  function withReason(e, message) {
    const error = new Error(message);
    error.reason = e.reason;
    return error;
  }

  async function signOut() {
    stopUpgrade();
    const ending = session;
    clearMessages();
    forgetSession();
    render();
    if (ending && ending.sessionToken) {
      try {
        // a sign-in session ends as ZITADEL's do; a sign-up's token through the demo's own sign-out
        if (ending.sessionId) {
          await api('DELETE', '/v2/sessions/' + encodeURIComponent(ending.sessionId), undefined, ending.sessionToken);
        } else {
          await api('POST', '/demo/sign-out', {}, ending.sessionToken);
        }
      } catch (e) {
        // it expires anyway; this browser forgot it
      }
    }
    show('Signed out.');
    startConditional();
  }

  // ------------------------------------------------------------------ passkeys of the signed-in user

  async function addPasskey(event) {
    event.preventDefault();
    stopUpgrade();
    const name = $('passkey-name').value.trim();
    await busy($('add-button'), async () => {
      if (!window.PublicKeyCredential || !navigator.credentials) {
        throw new Error('This browser cannot create passkeys here: WebAuthn needs a recent browser and https or localhost.');
      }
      const started = await call('POST', userPath(), {});
      let credential;
      try {
        credential = await navigator.credentials.create({
          publicKey: demo.creationOptionsFromJSON(started.publicKeyCredentialCreationOptions.publicKey),
        });
      } catch (e) {
        logNote('the browser refused: ' + e.name);
        throw demo.creationError(e);
      }
      await call('POST', userPath() + '/' + encodeURIComponent(started.passkeyId), {
        publicKeyCredential: demo.credentialToJSON(credential),
        passkeyName: name,
      });
      $('add-form').reset();
      await refresh();
      show('Passkey "' + name + '" added.');
    });
  }

  /** A one-time link (Auth API v1 _link) that adds a passkey from another device, which stays signed out. */
  async function makeLink() {
    await busy($('link-button'), async () => {
      const made = await call('POST', '/auth/v1/users/me/passwordless/_link', {});
      const seconds = parseInt(made.expiration, 10);
      const until = new Date(Date.now() + seconds * 1000);
      $('link-output').value = made.link;
      $('link-expiry').textContent = 'It works once, for ' + Math.round(seconds / 60) + ' minutes (until '
        + until.toLocaleTimeString() + '). Anyone who has it can add a passkey to your account: '
        + 'send it only to yourself. Open it on the other device; the new passkey then shows up here.';
      $('link-box').hidden = false;
      $('link-output').select();
      show('Link made. Copy it to your other device.');
    });
  }

  async function copyLink() {
    clearMessages();
    const field = $('link-output');
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (e) {
      field.select();
      document.execCommand('copy');
    }
    show('Link copied.');
  }

  async function rename(event) {
    event.preventDefault();
    const name = $('rename-input').value.trim();
    const passkey = renaming;
    await busy($('rename-save'), async () => {
      await call('PATCH', userPath() + '/' + encodeURIComponent(passkey.id), { passkeyName: name });
      $('rename-dialog').close();
      await refresh();
      show('Passkey "' + passkey.name + '" renamed to "' + name + '".');
    });
  }

  async function remove(event) {
    event.preventDefault();
    const passkey = removing;
    await busy($('remove-confirm'), async () => {
      const removed = await call('DELETE', userPath() + '/' + encodeURIComponent(passkey.id));
      await demo.sendSignals(removed && removed.signals);
      $('remove-dialog').close();
      await refresh();
      show('Passkey "' + passkey.name + '" removed. It can no longer sign in to this account.');
    });
  }

  async function refresh() {
    const list = await call('POST', userPath() + '/_search', {});
    renderPasskeys(list.result);
  }

  // ------------------------------------------------------------------ rendering

  function who() {
    return session.displayName === session.loginName
      ? session.loginName : session.displayName + ' (' + session.loginName + ')';
  }

  function render() {
    $('signin').hidden = !!session;
    $('signup').hidden = !!session;
    $('account').hidden = !session;
    if (session) {
      $('who').textContent = who();
    } else {
      $('link-box').hidden = true;
      $('link-output').value = '';
      $('passkey-rows').replaceChildren();
    }
  }

  function renderPasskeys(passkeys) {
    const rows = $('passkey-rows');
    rows.replaceChildren();
    for (const p of passkeys) {
      const row = document.createElement('tr');
      row.dataset.passkeyId = p.id;
      const provider = cell('provider', p.providerName || 'Unknown', p.providerName ? '' : 'AAGUID ' + p.aaguid);
      const icon = providerIcon(p);
      if (icon) {
        provider.prepend(icon);
      }
      row.append(
        cell('name', p.name),
        provider,
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

  /** The provider's icon for the page's color scheme, as an <img> (never markup): a data:image URI only. */
  function providerIcon(p) {
    const dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    const src = (dark ? p.providerIconDark || p.providerIconLight : p.providerIconLight || p.providerIconDark);
    if (typeof src !== 'string' || !src.startsWith('data:image/')) {
      return null;
    }
    const img = document.createElement('img');
    img.className = 'provider-icon';
    img.src = src;
    img.alt = '';
    img.width = 16;
    img.height = 16;
    return img;
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

  // ------------------------------------------------------------------ session and start

  function loadSession() {
    try {
      const s = JSON.parse(localStorage.getItem(SESSION_KEY));
      return s && s.userId && s.sessionToken ? s : null;
    } catch (e) {
      return null;
    }
  }

  function remember(s) {
    session = s;
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  function forgetSession() {
    session = null;
    localStorage.removeItem(SESSION_KEY);
  }

  $('signup-form').addEventListener('submit', signUp);
  $('signin-form').addEventListener('submit', signInWithName);
  $('passkey-button').addEventListener('click', signInWithPasskey);
  $('add-form').addEventListener('submit', addPasskey);
  $('link-button').addEventListener('click', makeLink);
  $('copy-button').addEventListener('click', copyLink);
  $('rename-form').addEventListener('submit', rename);
  $('remove-form').addEventListener('submit', remove);
  $('rename-cancel').addEventListener('click', () => $('rename-dialog').close());
  $('remove-cancel').addEventListener('click', () => $('remove-dialog').close());
  $('signout').addEventListener('click', signOut);

  demo.checkEnvironment();
  render();
  if (session) {
    busy($('add-button'), refresh);
  } else {
    startConditional();
  }
})();
