// The page a registration link opens (/register?userID=...&orgID=...&codeID=...&code=...): adds a
// passkey to that user's account from a device that is not signed in, with the one-time code
// (User Service v2: register with "code", then verify without a bearer). Uses common.js.
'use strict';

(() => {
  const { $, busy, show } = demo;

  // Read the link once, then take the code out of the address bar and the history: it is a password
  // until it is used (the page also sends no Referer, and the log leaves the code out).
  const query = new URLSearchParams(location.search);
  const link = { userId: query.get('userID'), codeId: query.get('codeID'), code: query.get('code') };
  if (location.search) {
    history.replaceState(null, '', location.pathname);
  }

  async function register(event) {
    event.preventDefault();
    const name = $('passkey-name').value.trim();
    await busy($('register-button'), async () => {
      if (!window.PublicKeyCredential || !navigator.credentials) {
        throw new Error('This browser cannot create passkeys here: WebAuthn needs a recent browser and https or localhost.');
      }
      const passkeys = '/v2/users/' + encodeURIComponent(link.userId) + '/passkeys';
      let started;
      try {
        started = await demo.api('POST', passkeys, { code: { id: link.codeId, code: link.code } });
      } catch (e) {
        throw codeError(e);
      }
      const publicKey = started.publicKeyCredentialCreationOptions.publicKey;
      let credential;
      try {
        credential = await navigator.credentials.create({ publicKey: demo.creationOptionsFromJSON(publicKey) });
      } catch (e) {
        demo.logNote('the browser refused: ' + e.name);
        throw demo.creationError(e);
      }
      try {
        await demo.api('POST', passkeys + '/' + encodeURIComponent(started.passkeyId), {
          publicKeyCredential: demo.credentialToJSON(credential),
          passkeyName: name,
        });
      } catch (e) {
        throw codeError(e);
      }
      link.code = null; // used up
      $('register').hidden = true;
      $('done-text').textContent = 'The passkey "' + name + '" was added to the account ' + publicKey.user.name
        + '. This device is not signed in.';
      $('done').hidden = false;
      show('Passkey "' + name + '" added.');
    });
  }

  function codeError(e) {
    if (e.reason !== 'PASSKEY-CODE-INVALID' && e.reason !== 'PASSKEY-CODE-REQUIRED') {
      return e;
    }
    const error = new Error('This link does not work (any more): ' + e.message + '. A link works once, within an hour, '
      + 'and three wrong tries block it. Make a new one on the device where you are signed in.');
    error.reason = e.reason;
    return error;
  }

  demo.checkEnvironment();
  if (!link.userId || !link.codeId || !link.code) {
    $('register').hidden = true;
    $('error').textContent = 'This page adds a passkey with a one-time link, and the link it was opened with is incomplete. '
      + 'Copy the whole link, or make a new one on the device where you are signed in.';
    $('error').hidden = false;
  } else {
    $('register-form').addEventListener('submit', register);
  }
})();
