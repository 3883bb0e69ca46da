// The chain console: reads the notifier's JSON (GET /chains, GET /chains/{hash}) and draws it, and
// asks for an operator's retry or cancel (POST /chains/{hash}/retry, /cancel). Text from chains is
// only ever set as textContent, never as markup.
const Console = (() => {
  const REFRESH_MS = 2000;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
    return node;
  }

  function age(iso) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return seconds < 120 ? seconds + ' s' : seconds < 7200 ? Math.round(seconds / 60) + ' min' : Math.round(seconds / 3600) + ' h';
  }

  async function json(url) {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: await response.json() };
  }

  function list() {
    const status = document.getElementById('status');
    const q = document.getElementById('q');
    const params = new URLSearchParams(location.search);
    status.value = params.get('status') || '';
    q.value = params.get('q') || '';
    const refresh = async () => {
      const query = new URLSearchParams();
      if (status.value) query.set('status', status.value);
      if (q.value) query.set('q', q.value);
      history.replaceState(null, '', '?' + query);
      const { body } = await json('/chains?' + query);
      const rows = (body.chains || []).map(chain => el('tr', { 'data-hash': chain.hash },
        el('td', {}, el('a', { href: 'chain.html?hash=' + encodeURIComponent(chain.hash) }, el('code', {}, chain.hash))),
        el('td', { class: 'status ' + chain.status }, chain.status),
        el('td', {}, age(chain.created_at)),
        el('td', {}, chain.steps_total === undefined ? '' : chain.steps_done + ' / ' + chain.steps_total),
        el('td', {}, chain.error || '')));
      document.getElementById('chains').replaceChildren(...rows);
      document.getElementById('summary').textContent = rows.length + ' chains from ' + body.instances + ' notifier(s)'
        + ((body.unreachable || []).length ? ', unreachable: ' + body.unreachable.join(', ') : '');
    };
    status.addEventListener('change', refresh);
    q.addEventListener('input', refresh);
    document.getElementById('filters').addEventListener('submit', event => { event.preventDefault(); refresh(); });
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  // An operator's action on the chain shown: the notifier answers 202 with what was asked (the
  // outcome then shows on the page), or why not (409: the chain is not in a state that allows it).
  // The header tells the notifier the request comes from its own page, not another site's.
  async function act(hash, action, attempt, done) {
    const result = document.getElementById('action-result');
    result.textContent = action + ' requested...';
    const response = await fetch('/chains/' + encodeURIComponent(hash) + '/' + action + '?attempt=' + attempt,
      { method: 'POST', headers: { accept: 'application/json', 'X-Workchain-Operator': 'console' } });
    const body = await response.json().catch(() => ({}));
    result.textContent = (response.status === 202 ? '' : 'HTTP ' + response.status + ': ') + (body.message || body.error || '');
    done();
  }

  function actions(body) {
    const rows = (body.actions || []).map(action => el('tr', {},
      el('td', {}, action.at), el('td', {}, action.by), el('td', { class: 'action' }, action.action),
      el('td', {}, String(action.attempt)), el('td', { class: 'outcome' }, action.outcome)));
    document.getElementById('actions').replaceChildren(...rows);
    document.getElementById('operator-actions').hidden = rows.length === 0;
  }

  function chain() {
    const hash = new URLSearchParams(location.search).get('hash') || '';
    document.getElementById('hash').textContent = hash;
    const retry = document.getElementById('retry');
    const cancel = document.getElementById('cancel');
    let attempt = 1;
    const refresh = async () => {
      const { status, body } = await json('/chains/' + encodeURIComponent(hash));
      const statusNode = document.getElementById('status');
      if (status !== 200) {
        statusNode.textContent = body.error || ('HTTP ' + status);
        retry.hidden = cancel.hidden = true;
        return;
      }
      attempt = body.attempt || 1;
      retry.hidden = body.status !== 'FAILED';
      cancel.hidden = body.status !== 'RUNNING';
      statusNode.textContent = body.status;
      statusNode.className = 'status ' + body.status;
      actions(body);
      document.getElementById('times').textContent = 'attempt ' + attempt + ', started ' + body.created_at
        + (body.finished_at ? ', finished ' + body.finished_at : '') + ' (' + (body.steps_done ?? 0) + ' of '
        + (body.steps_total ?? '?') + ' steps done)';
      const longest = Math.max(1, ...(body.steps || []).flatMap(step => step.items.map(item => item.took_ms || 0)));
      const steps = (body.steps || []).map(step => el('div', { class: 'step', 'data-order': step.order },
        el('strong', {}, 'Step ' + step.order), ' ',
        el('span', { class: 'note' }, step.started_at ? 'dispatched ' + step.started_at : 'not dispatched yet'),
        el('table', {},
          el('thead', {}, el('tr', {}, el('th', {}, 'Item'), el('th', {}, 'Request'), el('th', {}, 'Outcome'),
            el('th', {}, 'Took'), el('th', {}, 'Response'))),
          el('tbody', {}, ...step.items.map(item => {
            const response = item.response;
            const outcome = !response ? 'PENDING' : response.error ? 'FAILED' : 'OK';
            const bar = el('div', { class: 'bar ' + (outcome === 'FAILED' ? 'failed' : outcome === 'PENDING' ? 'pending' : ''),
              style: 'width:' + Math.round(100 * (item.took_ms || 0) / longest) + '%' });
            return el('tr', { 'data-index': item.index },
              el('td', {}, String(item.index)),
              el('td', {}, el('code', {}, item.request.method + ' ' + item.request.url + (item.request.endpoint || ''))),
              el('td', { class: 'outcome' }, outcome),
              el('td', {}, item.took_ms === undefined ? '' : item.took_ms + ' ms', bar),
              el('td', {}, response && response.data ? el('pre', {}, response.data) : ''));
          })))));
      document.getElementById('steps').replaceChildren(...steps);
    };
    retry.addEventListener('click', () => act(hash, 'retry', attempt, refresh));
    cancel.addEventListener('click', () => act(hash, 'cancel', attempt, refresh));
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  return { list, chain };
})();
