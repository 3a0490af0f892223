// Building the page from data. Every string becomes a Text node or an attribute value, never markup:
// process names, banners, HTTP headers and host names come from watched hosts and are attacker-chosen.
// Nothing here (or anywhere in the console) assigns innerHTML; the CSP's Trusted Types make that throw.

const SAFE_SCHEMES = new Set(['http:', 'https:']);

/** An element: h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'href') {
      element.setAttribute('href', safeHref(value));
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A console route (#/...) as it is, or an absolute http(s) URL; anything else (javascript:, data:) becomes inert. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith('#/')) return text;
  try {
    const url = new URL(text);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : '#/';
  } catch {
    return '#/';
  }
}

/** A link to a reference given by data: opens elsewhere, tells it nothing; not a link unless http(s). */
export function externalLink(url) {
  return safeHref(url) === '#/' ? h('span', {}, url) : h('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, url);
}

/** Replaces the element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A definition list of [term, value] pairs, leaving out empty values. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/** A table with a caption, column headings and rows: each an array of cells (strings or nodes), or {attributes, cells}. */
export function table(caption, headings, rows, attributes = {}) {
  return h('div', {class: 'table-wrap'}, h('table', attributes,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map(heading => h('th', {scope: 'col'}, heading)))),
    h('tbody', {}, rows.map(row => Array.isArray(row) ? {attributes: {}, cells: row} : row)
      .map(({attributes: rowAttributes, cells}) => h('tr', rowAttributes, cells.map(cell => h('td', {}, cell)))))));
}

/** A severity or state label, coloured by class and readable without colour. */
export function badge(kind, value) {
  return h('span', {class: `badge ${kind}-${String(value).toLowerCase()}`}, value);
}

const numbers = new Intl.NumberFormat('en-US');
/** 1034 -> "1,034". */
export function number(value) {
  return numbers.format(value);
}

/** An ISO instant as a readable UTC time, in a <time> element. */
export function time(iso) {
  if (!iso) return '';
  return h('time', {datetime: iso}, iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}
