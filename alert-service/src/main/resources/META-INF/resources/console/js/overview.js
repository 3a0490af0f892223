// Overview: open findings by severity and rule, findings per state, top exposed services, the opened/resolved
// timeline from the findings' history, and the probes' health. Every number links to the list it counts.
import {h, table, badge, number, time} from './dom.js';
import {get} from './api.js';
import uPlot from '../vendor/uplot/uPlot.esm.js';

function listLink(params, text) {
  return h('a', {href: `#/findings?${new URLSearchParams(params)}`}, text);
}

export async function overview() {
  const [data, probes] = await Promise.all([get('/api/v1/findings/overview', 'days=14'),
    get('/api/v1/probes', 'size=100').catch(error => ({error}))]);
  const open = data.openStates.join(',');
  const totalOpen = Object.values(data.openBySeverity).reduce((a, b) => a + b, 0);
  return h('div', {class: 'overview'},
    h('h1', {}, 'Overview'),
    h('section', {class: 'cards', 'aria-labelledby': 'open-heading'},
      h('h2', {id: 'open-heading'}, 'Open findings: ', listLink({state: open}, number(totalOpen))),
      h('p', {class: 'hint'}, `Open means ${data.openStates.join(', ').toLowerCase()}: neither suppressed nor resolved.`),
      h('ul', {class: 'severity-cards'}, Object.entries(data.openBySeverity).map(([severity, count]) =>
        h('li', {class: `card severity-${severity.toLowerCase()}`},
          listLink({state: open, severity}, [h('span', {class: 'count'}, number(count)), ' ', severity]))))),
    h('div', {class: 'columns'},
      h('section', {},
        table('Open findings by rule', ['Rule', 'Open'], data.openByRule.map(row =>
          [row.rule, listLink({state: open, rule: row.rule}, number(row.open))]))),
      h('section', {},
        table('Top exposed services', ['Port', 'Service', 'Open'], data.topServices.map(row =>
          [`${row.port}/${row.transport}`, row.serviceName || '(unnamed)',
            listLink({state: open, port: row.port, transport: row.transport}, number(row.open))]))),
      h('section', {},
        table('All findings by state', ['State', 'Findings'], Object.entries(data.byState).map(([state, count]) =>
          [badge('state', state), listLink({state}, number(count))])))),
    timeline(data),
    probeHealth(probes));
}

function timeline(data) {
  const section = h('section', {class: 'timeline', 'aria-labelledby': 'timeline-heading'},
    h('h2', {id: 'timeline-heading'}, `Findings opened and resolved per ${data.bucket}, last ${data.timeline.length} ${data.bucket}s`));
  const chart = h('div', {class: 'chart', role: 'img',
    'aria-label': `Chart of findings opened and resolved per ${data.bucket}; the same numbers are in the table below it`});
  section.append(chart);
  const xs = data.timeline.map(bucket => Date.parse(bucket.start) / 1000);
  const options = {
    width: 640, height: 220,
    series: [{}, {label: 'Opened', stroke: '#b3261e', width: 2, points: {show: true}},
      {label: 'Resolved', stroke: '#1b6e3a', width: 2, points: {show: true}}],
    axes: [{}, {label: 'Findings'}],
    scales: {x: {time: true}},
  };
  requestAnimationFrame(() => {
    options.width = Math.max(280, Math.min(chart.clientWidth || 640, 900));
    new uPlot(options, [xs, data.timeline.map(b => b.opened), data.timeline.map(b => b.resolved)], chart);
  });
  section.append(h('details', {},
    h('summary', {}, 'The numbers'),
    table('Opened and resolved', ['From', 'Opened', 'Resolved'],
      data.timeline.map(bucket => [time(bucket.start), number(bucket.opened), number(bucket.resolved)]))));
  return section;
}

function probeHealth(probes) {
  const section = h('section', {'aria-labelledby': 'probes-heading'}, h('h2', {id: 'probes-heading'}, 'Probes'));
  if (probes.error) {
    section.append(h('p', {class: 'error'}, `Probes unavailable: ${probes.error.message}`));
  } else if (probes.items.length === 0) {
    section.append(h('p', {}, 'No probe has enrolled. Hosts seen so far are under ', h('a', {href: '#/assets'}, 'Hosts'), '.'));
  } else {
    section.append(table('Enrolled probes', ['Probe', 'Node', 'Mode', 'Zone', 'Status', 'Last heartbeat', 'Version'],
      probes.items.map(probe => [probe.probeId, probe.node, probe.mode, probe.zone, badge('probe', probe.status),
        probe.lastHeartbeat ? [time(probe.lastHeartbeat), ` (${number(probe.heartbeatLagSeconds)} s ago)`] : 'never',
        probe.version || ''])));
  }
  return section;
}
