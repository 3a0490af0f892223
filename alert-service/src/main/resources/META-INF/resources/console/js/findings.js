// The findings list: filters kept in the URL, keyset paging (the server's cursor, also in the URL), and exports.
import {h, table, badge, number, time} from './dom.js';
import {get, download} from './api.js';

const STATES = ['OPEN', 'ACKNOWLEDGED', 'SUPPRESSED', 'RESOLVED', 'STALE'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
const FILTERS = ['state', 'severity', 'rule', 'port', 'transport', 'asset', 'host', 'zone', 'q', 'sort', 'limit'];
const PAGE_SIZE = 25;

/** The filters of the URL, without paging. */
function filtersOf(params) {
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters.set(name, value);
  }
  return filters;
}

export async function findings(params, _arg, {say}) {
  const filters = filtersOf(params);
  const query = new URLSearchParams(filters);
  if (!query.has('limit')) query.set('limit', PAGE_SIZE);
  if (params.get('cursor')) query.set('cursor', params.get('cursor'));
  const page = await get('/api/v1/findings/search', query);
  const pageNumber = Number(params.get('page') || '1');
  return h('div', {},
    h('h1', {}, 'Findings'),
    filterForm(filters),
    h('div', {class: 'toolbar'},
      h('p', {id: 'result-count'}, `${number(page.totalItems)} findings match; page ${pageNumber}.`),
      h('button', {type: 'button', onclick: () => exportAs('csv', filters, say)}, 'Export CSV'),
      h('button', {type: 'button', onclick: () => exportAs('json', filters, say)}, 'Export JSON')),
    table('Findings, ' + describe(filters), ['Severity', 'State', 'Finding', 'Host', 'Listener', 'Process', 'Last seen'],
      page.items.map(row), {id: 'findings-table'}),
    page.items.length === 0 ? h('p', {}, 'No finding matches these filters.') : null,
    pager(filters, params, page, pageNumber));
}

function row(finding) {
  const listener = finding.listener || {};
  const process = listener.process;
  return {attributes: {'data-finding-id': finding.findingId}, cells: [
    h('span', {class: 'cell-severity'}, badge('severity', finding.severity)),
    h('span', {class: 'cell-state'}, badge('state', finding.state)),
    h('a', {href: `#/finding/${encodeURIComponent(finding.findingId)}`, class: 'finding-link'}, finding.title),
    h('a', {href: `#/asset/${encodeURIComponent(finding.asset)}`}, finding.host?.name || finding.host?.id || finding.asset),
    listener.port === undefined ? '' : `${listener.port}/${listener.transport} ${listener.address}`,
    process ? `${process.name} (${process.user ?? '?'})` : '',
    time(finding.lastSeen)]};
}

function describe(filters) {
  const parts = [...filters].filter(([name]) => name !== 'sort' && name !== 'limit').map(([name, value]) => `${name} ${value}`);
  return parts.length ? `filtered by ${parts.join(', ')}` : 'all';
}

function pager(filters, params, page, pageNumber) {
  const nav = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  if (params.get('cursor')) {
    nav.append(h('a', {href: `#/findings?${filters}`}, 'First page'));
  }
  if (page.nextCursor) {
    const next = new URLSearchParams(filters);
    next.set('cursor', page.nextCursor);
    next.set('page', pageNumber + 1);
    nav.append(h('a', {href: `#/findings?${next}`, rel: 'next', id: 'next-page'}, 'Next page'));
  }
  return nav;
}

function select(name, label, options, value) {
  return h('label', {}, label,
    h('select', {name}, h('option', {value: ''}, 'any'),
      options.map(([optionValue, text]) => h('option', {value: optionValue, selected: optionValue === value}, text))));
}

function field(name, label, value, attributes = {}) {
  return h('label', {}, label, h('input', {name, value: value || '', ...attributes}));
}

function filterForm(filters) {
  const openStates = 'OPEN,ACKNOWLEDGED,STALE';
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter findings'},
    select('state', 'State', [[openStates, 'open (not suppressed or resolved)'], ...STATES.map(s => [s, s])], filters.get('state')),
    select('severity', 'Severity', SEVERITIES.map(s => [s, s]), filters.get('severity')),
    field('rule', 'Rule', filters.get('rule'), {maxlength: 200}),
    field('port', 'Port', filters.get('port'), {inputmode: 'numeric', pattern: '[0-9]{1,5}', size: 6}),
    select('transport', 'Transport', ['tcp', 'udp', 'sctp', 'dccp'].map(t => [t, t]), filters.get('transport')),
    field('asset', 'Host/asset', filters.get('asset'), {maxlength: 255}),
    field('zone', 'Zone', filters.get('zone'), {maxlength: 200}),
    field('q', 'Text', filters.get('q'), {type: 'search', maxlength: 200}),
    select('sort', 'Sort', [['severity', 'severity, then last seen'], ['lastSeen', 'last seen'], ['firstSeen', 'first seen']],
      filters.get('sort')),
    h('button', {type: 'submit'}, 'Apply'),
    h('a', {href: '#/findings', class: 'button-like'}, 'Clear'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim()) chosen.set(name, String(value).trim());
    }
    location.hash = `#/findings?${chosen}`;
  });
  return form;
}

async function exportAs(format, filters, say) {
  try {
    const params = new URLSearchParams(filters);
    params.set('format', format);
    const {blob, truncated} = await download('/api/v1/findings/export', params);
    const url = URL.createObjectURL(blob);
    const link = h('a', {download: `findings.${format}`});
    link.href = url;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(truncated ? `Exported as ${format}; the export was cut at the server's limit, narrow the filters for the rest.`
      : `Exported as ${format}.`);
  } catch (error) {
    say(`Export failed: ${error.message}`, 'error');
  }
}
