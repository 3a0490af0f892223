// Hosts and assets: every machine with its open findings by severity; one machine with its hosts (a container's
// or pod's network namespace under its node) and their listeners with findings.
import {h, table, badge, number, time, facts} from './dom.js';
import {get} from './api.js';

const PAGE = 100;

function severityCounts(openFindings, asset) {
  return h('span', {class: 'severity-counts'}, Object.entries(openFindings).filter(([, count]) => count > 0).map(([severity, count]) =>
    h('a', {href: `#/findings?${new URLSearchParams({asset, severity, state: 'OPEN,ACKNOWLEDGED,STALE'})}`,
      class: `badge severity-${severity.toLowerCase()}`}, `${number(count)} ${severity}`)));
}

export async function assets(params) {
  const page = Number(params.get('page') || '0');
  const result = await get('/api/v1/assets', new URLSearchParams({page, size: PAGE}));
  const nav = h('nav', {class: 'pager', 'aria-label': 'Pages'},
    page > 0 ? h('a', {href: `#/assets?page=${page - 1}`}, 'Previous page') : null,
    page + 1 < result.totalPages ? h('a', {href: `#/assets?page=${page + 1}`}, 'Next page') : null);
  return h('div', {},
    h('h1', {}, 'Hosts'),
    h('p', {}, `${number(result.totalItems)} assets: a node with its containers and pods, or a network host no node claims.`),
    table('Assets', ['Asset', 'Names', 'Hosts', 'Open findings'], result.items.map(asset => [
      h('a', {href: `#/asset/${encodeURIComponent(asset.id)}`}, asset.id),
      asset.names.join(', '),
      hostTree(asset.id, asset.hostIds),
      severityCounts(asset.openFindings, asset.id)])),
    nav);
}

/** The asset's hosts, each namespace (<node>/...) nested under its node. */
function hostTree(node, hostIds) {
  const nested = hostIds.filter(id => id.startsWith(`${node}/`));
  const others = hostIds.filter(id => id !== node && !id.startsWith(`${node}/`));
  return h('ul', {class: 'hosts'},
    h('li', {}, node, nested.length ? h('ul', {}, nested.map(id => h('li', {}, id.slice(node.length + 1)))) : null),
    others.map(id => h('li', {}, id)));
}

export async function asset(_params, id) {
  const [found, findings] = await Promise.all([get(`/api/v1/assets/${encodeURIComponent(id)}`),
    get('/api/v1/findings/search', new URLSearchParams({asset: id, limit: PAGE, sort: 'severity'}))]);
  const byHost = new Map();
  for (const finding of findings.items) {
    const host = finding.host?.id || id;
    if (!byHost.has(host)) byHost.set(host, []);
    byHost.get(host).push(finding);
  }
  const hosts = [...byHost.keys()].sort();
  return h('div', {},
    h('p', {}, h('a', {href: '#/assets'}, '← All hosts')),
    h('h1', {}, `Host ${found.id}`),
    facts([['Names', found.names.join(', ')],
      ['Addresses', found.addresses.map(a => `${a.address} (${a.zone}${a.ambiguous ? ', also claimed by another asset' : ''})`).join('; ')],
      ['Open findings', severityCounts(found.openFindings, found.id)]]),
    h('h2', {}, 'Hosts and their listeners'),
    hostTree(found.id, found.hostIds),
    findings.nextCursor ? h('p', {}, 'The first ', number(PAGE), ' findings; ',
      h('a', {href: `#/findings?asset=${encodeURIComponent(id)}`}, 'see them all'), '.') : null,
    hosts.map(host => table(host === found.id ? `${host} (the node)` : host.startsWith(`${found.id}/`)
      ? `${host.slice(found.id.length + 1)} (namespace on ${found.id})` : host,
    ['Listener', 'Process', 'Finding', 'Severity', 'State', 'Last seen'],
    byHost.get(host).map(finding => {
      const l = finding.listener || {};
      return [l.port === undefined ? '' : `${l.port}/${l.transport} ${l.address} (${l.exposure})`,
        l.process ? `${l.process.name} ${l.process.exe ?? ''}` : '',
        h('a', {href: `#/finding/${encodeURIComponent(finding.findingId)}`}, finding.title),
        badge('severity', finding.severity), badge('state', finding.state), time(finding.lastSeen)];
    }))));
}
