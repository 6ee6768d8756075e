// The sandbox host: plays each CRM's part around its adapter (see backend/SalesCoach.Api/Surfaces/README.md).
// Salesforce: a signed request POSTed into the canvas iframe, and the parent side of the canvas SDK.
// Dynamics: a PCF context built by the control's loader, with a demo-tenant token in place of MSAL.
// HubSpot: the card host, whose hubspot.fetch goes through the sandbox's signing proxy.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('sandbox-config').textContent);
  var languages = {
    en: { salesforce: 'en_US', lcid: 1033, locale: 'en-US' },
    es: { salesforce: 'es', lcid: 3082, locale: 'es-ES' },
    fr: { salesforce: 'fr', lcid: 1036, locale: 'fr-FR' },
    de: { salesforce: 'de', lcid: 1031, locale: 'de-DE' },
    zh: { salesforce: 'zh_CN', lcid: 2052, locale: 'zh-CN' }
  };
  var interactions = {};
  var tokens = {};
  var state = { language: 'en', replaying: false, replayed: false };
  var statusEl = document.getElementById('replay-status');
  var replayButton = document.getElementById('replay');
  var languageSelect = document.getElementById('language');
  var canvasFrame = document.getElementById('salesforce-canvas');
  var dynamicsHost = null;
  var hubspotHost = null;

  function status(text) { statusEl.textContent = text; }

  // One API call; answers {status, body} (the body parsed when it is JSON) and leaves the status to the caller.
  async function send(method, url, body, token) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (token) { headers.Authorization = 'Bearer ' + token; }
    var response = await fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    var text = await response.text();
    var parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (ignored) { parsed = null; }
    return { status: response.status, ok: response.ok, body: parsed };
  }

  async function postJson(url, body, token) {
    var answer = await send('POST', url, body, token);
    if (!answer.ok) { throw new Error(url + ' answered ' + answer.status); }
    return answer.body;
  }

  // A demo-tenant session token per CRM, renewed a minute before it expires.
  async function sessionToken(crm) {
    var cached = tokens[crm];
    if (cached && cached.expiresAt - Date.now() > 60000) { return cached.token; }
    var minted = await postJson('/sandbox/session', { crm: crm });
    tokens[crm] = { token: minted.token, expiresAt: Date.parse(minted.expiresAt) };
    return minted.token;
  }

  function onInteraction(detail) {
    if (!detail || !detail.crm || !detail.interactionId) { return; }
    interactions[detail.crm] = detail.interactionId;
    var known = Object.keys(interactions).sort();
    status('Interactions open: ' + known.join(', ') + (known.length === 3 ? '. Ready to replay.' : ''));
    document.body.dataset.interactions = known.join(' ');
    maybeAutoplay();
  }

  window.addEventListener('salescoach:interaction', function (e) { onInteraction(e.detail); });

  // --- Salesforce: post a signed request into the frame, then act as the Lightning parent. ---
  async function loadCanvas() {
    var answer = await postJson('/sandbox/salesforce/signed-request', {
      language: languages[state.language].salesforce,
      interactionId: interactions.salesforce || null
    });
    document.getElementById('salesforce-signed-request').value = answer.signedRequest;
    document.getElementById('salesforce-form').submit();
    document.getElementById('salesforce-signed-request').value = '';
  }

  canvasFrame.addEventListener('load', function () {
    try {
      canvasFrame.contentWindow.addEventListener('salescoach:interaction', function (e) { onInteraction(e.detail); });
    } catch (ignored) { /* a refusal page from another origin would not be reachable; ours never is */ }
  });

  window.addEventListener('message', function (event) {
    if (event.source !== canvasFrame.contentWindow || typeof event.data !== 'string') { return; }
    var message;
    try { message = JSON.parse(event.data); } catch (ignored) { return; }
    if (!message || message.targetModule !== 'Canvas' || !message.body) { return; }
    var body = message.body;
    if (body.type === 'resize' && body.size && body.size.height) {
      var height = parseInt(body.size.height, 10);
      if (height > 0) { canvasFrame.style.height = Math.min(Math.max(height, 320), 4000) + 'px'; }
    } else if (body.type === 'publish' && body.event && body.event.name === 'salescoach.interaction' && body.event.payload) {
      onInteraction({ crm: 'salesforce', interactionId: body.event.payload.interactionId });
    }
  });

  // --- Dynamics: the PCF control in this page, with a context built by its loader. ---
  function mountDynamics() {
    if (!window.SalesCoachDynamicsHost) { status('The Dynamics bundle is missing: run npm run build in plugins/.'); return; }
    dynamicsHost = window.SalesCoachDynamicsHost.mount(document.getElementById('dynamics-control'), {
      apiBase: location.origin,
      getToken: function () { return sessionToken('dynamics'); },
      languageId: languages[state.language].lcid,
      entityName: config.dynamics.entityName,
      recordId: config.dynamics.recordId,
      recordName: config.recordName,
      userId: '{6f1c2d3e-0000-4000-8000-00000000d365}',
      userName: 'Dana Rep',
      autoStart: true,
      webAPI: demoWebApi()
    });
  }

  // Answers the control's Dataverse reads from the demo record, as context.webAPI would.
  function demoWebApi() {
    var record = {
      opportunityid: config.dynamics.recordId, name: config.recordName, stepname: '3-Propose',
      estimatedvalue: 120000, 'customerid_account@OData.Community.Display.V1.FormattedValue': 'Acme Manufacturing'
    };
    return {
      retrieveRecord: function () { return Promise.resolve(record); },
      retrieveMultipleRecords: function () { return Promise.resolve({ entities: [record] }); },
      createRecord: function () { return Promise.resolve({ id: crypto.randomUUID(), entityType: 'task' }); },
      updateRecord: function () { return Promise.resolve({ id: config.dynamics.recordId, entityType: 'opportunity' }); },
      deleteRecord: function () { return Promise.resolve({ id: config.dynamics.recordId, entityType: 'opportunity' }); }
    };
  }

  // --- HubSpot: the card host; hubspot.fetch is signed by the sandbox proxy as HubSpot signs it. ---
  function hubspotContext() {
    return {
      user: { id: Number(config.hubspot.userId), email: 'dana.rep@salescoach-demo.example', locale: languages[state.language].locale },
      portal: { id: Number(config.hubspot.portalId) },
      crm: { objectId: Number(config.hubspot.dealId), objectTypeId: '0-3' }
    };
  }

  function mountHubSpot() {
    if (!window.SalesCoachHubSpotHost) { status('The HubSpot bundle is missing: run npm run build in plugins/.'); return; }
    hubspotHost = window.SalesCoachHubSpotHost.mount(document.getElementById('hubspot-card'), {
      proxyUrl: '/sandbox/hubspot/fetch',
      backendOrigin: location.origin,
      context: hubspotContext(),
      autoStart: true
    });
  }

  // --- Consent: the demo call's customer agrees to be recorded and coached. ---
  // The replay plays the telephony integration, so it records that yes on each interaction (PUT .../consent) before the
  // first segment, whether or not the tenant requires consent. An answer the rep already recorded in a panel stands: a
  // customer who declined there is not replayed to.
  var consentChecked = {};
  var declined = {};

  async function ensureConsent(crm) {
    var id = interactions[crm];
    if (consentChecked[crm] === id) { return; }
    var token = await sessionToken(crm);
    var url = '/api/v1/interactions/' + encodeURIComponent(id);
    var read = await send('GET', url, undefined, token);
    if (!read.ok) { throw new Error(url + ' answered ' + read.status); }
    if (read.body.consent === false) {
      decline(crm, 'the customer declined');
    } else if (read.body.consent !== true) {
      var recorded = await send('PUT', url + '/consent', { consent: true }, token);
      if (!recorded.ok) { throw new Error(url + '/consent answered ' + recorded.status); }
    }
    consentChecked[crm] = id;
  }

  function decline(crm, why) {
    declined[crm] = why;
    document.body.dataset.declined = Object.keys(declined).sort().join(' ');
  }

  function skipped() {
    var names = Object.keys(declined).sort();
    return names.length === 0 ? '' : '; not replayed to ' + names.map(function (crm) { return crm + ' (' + declined[crm] + ')'; }).join(', ');
  }

  // A segment refused with 409: the rep recorded a refusal or a withdrawal in the panel, or ended the call there.
  function refusalReason(answer) {
    var type = answer.body && answer.body.type;
    if (type === 'urn:salescoach:problem:consent-refused') { return 'the customer withdrew consent'; }
    if (type === 'urn:salescoach:problem:consent-required') { return 'no consent recorded'; }
    return 'the call was ended';
  }

  // --- The replayed call: each segment goes to every open interaction through the interactions API. ---
  async function loadConversation() {
    var text = await (await fetch(config.conversation)).text();
    return text.split('\n').filter(function (l) { return l.trim(); }).map(function (l) { return JSON.parse(l); });
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  async function replay() {
    if (state.replaying) { return; }
    if (state.replayed) { location.search = '?autoplay=1&lang=' + state.language; return; }
    state.replaying = true;
    replayButton.disabled = true;
    try {
      var segments = await loadConversation();
      for (var i = 0; i < segments.length; i++) {
        var open = Object.keys(interactions);
        await Promise.all(open.map(ensureConsent));
        var targets = open.filter(function (crm) { return !declined[crm]; });
        status('Replaying segment ' + (i + 1) + ' of ' + segments.length + ' into ' + targets.join(', ') + skipped());
        await Promise.all(targets.map(async function (crm) {
          var token = await sessionToken(crm);
          var url = '/api/v1/interactions/' + encodeURIComponent(interactions[crm]) + '/segments';
          var answer = await send('POST', url, { segments: [segments[i]] }, token);
          if (answer.status === 409) { decline(crm, refusalReason(answer)); return; }
          if (!answer.ok) { throw new Error(url + ' answered ' + answer.status); }
        }));
        var next = segments[i + 1];
        // The call's own pacing, compressed so the whole call plays in well under a minute (?pace=ms fixes it).
        await sleep(!next ? 0 : pace !== null ? pace : Math.min(1800, Math.max(700, (next.startMs - segments[i].startMs) / 6)));
      }
      state.replayed = true;
      status('Replay finished: ' + segments.length + ' segments' + skipped() + '. Press again for a fresh call.');
      document.body.dataset.replay = 'done';
    } catch (error) {
      status('Replay stopped: ' + error.message);
      document.body.dataset.replay = 'failed';
    } finally {
      state.replaying = false;
      replayButton.disabled = false;
    }
  }

  var query = new URLSearchParams(location.search);
  var autoplay = query.get('autoplay') !== '0';
  var pace = /^[0-9]{1,5}$/.test(query.get('pace') || '') ? Number(query.get('pace')) : null;
  function maybeAutoplay() {
    if (autoplay && !state.replaying && !state.replayed && Object.keys(interactions).length === 3) { replay(); }
  }

  function setLanguage(language) {
    state.language = language;
    document.documentElement.lang = language;
    loadCanvas();
    if (dynamicsHost) { dynamicsHost.update({ languageId: languages[language].lcid }); }
    if (hubspotHost) { hubspotHost.update({ context: hubspotContext() }); }
  }

  replayButton.addEventListener('click', replay);
  languageSelect.addEventListener('change', function () { setLanguage(languageSelect.value); });

  var initial = query.get('lang');
  if (initial && languages[initial]) { state.language = initial; languageSelect.value = initial; document.documentElement.lang = initial; }
  loadCanvas().catch(function (e) { status('Salesforce: ' + e.message); });
  mountDynamics();
  mountHubSpot();
  // Whatever opened within 10 s is replayed, so one missing adapter does not hold up the other two.
  setTimeout(function () {
    if (autoplay && !state.replaying && !state.replayed && Object.keys(interactions).length > 0) { replay(); }
  }, 10000);
})();
