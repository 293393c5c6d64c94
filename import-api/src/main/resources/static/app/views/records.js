// What the imports wrote, through the read API (the caller's tenant only): restaurants with their
// menus and reviews, products by name, barcode or sku with their stock per store, and a customer's purchases;
// restaurants and products also by the import that created or changed them (job_id: "what this import changed").
import { api, problemView } from '../api.js';
import { h, show, table } from '../dom.js';
import { dateTime, number } from '../format.js';

const SIZE = 20;

function queryOf(hash) {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

function tabs(active) {
  const tab = (key, label) => h('li', {}, h('a', { href: '#/records/' + key, 'aria-current': key === active ? 'page' : null }, label));
  return h('nav', { 'aria-label': 'Records', class: 'card' }, h('ul', { class: 'tabs' },
    tab('restaurants', 'Restaurants'), tab('products', 'Products'), tab('purchases', 'Purchases by customer')));
}

function searchForm(fields, values, onSearch) {
  const inputs = fields.map(([key, label]) => h('input', { type: 'search', id: 'search-' + key, value: values.get(key) || '' }));
  return h('form', { class: 'row', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    fields.forEach(([key], i) => { if (inputs[i].value.trim()) next.set(key, inputs[i].value.trim()); });
    onSearch(next);
  } }, fields.map(([key, label], i) => h('div', { class: 'field' }, h('label', { for: 'search-' + key }, label), inputs[i])),
  h('button', { type: 'submit' }, 'Search'));
}

function pager(page, totalPages, go) {
  if (totalPages <= 1) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => go(page - 1) }, 'Previous'),
    h('span', {}, 'Page ' + (page + 1) + ' of ' + totalPages),
    h('button', { type: 'button', class: 'secondary', disabled: page + 1 >= totalPages, onclick: () => go(page + 1) }, 'Next'));
}

export async function recordsView(main, { navigate }, kind, id) {
  const query = queryOf(window.location.hash);
  const page = Math.max(0, parseInt(query.get('page') || '0', 10) || 0);
  const go = (params, nextPage = 0) => {
    if (nextPage) params.set('page', String(nextPage));
    const text = params.toString();
    navigate('#/records/' + kind + (text ? '?' + text : ''));
  };
  const keep = (keys) => { const p = new URLSearchParams(); keys.forEach(k => query.get(k) && p.set(k, query.get(k))); return p; };
  if (kind === 'restaurants' && id) return restaurant(main, id);
  if (kind === 'products' && id) return productStock(main, id, query.get('name'), page, n => go(keep(['name']), n), kind);
  if (kind === 'restaurants') {
    const params = new URLSearchParams({ page: String(page), size: String(SIZE) });
    ['city', 'cuisine', 'job_id'].forEach(k => query.get(k) && params.set(k, query.get(k)));
    const result = await api.get('/api/restaurants?' + params);
    show(main, h('h1', {}, 'Restaurants'), tabs(kind),
      h('section', { class: 'card' }, searchForm([['city', 'City'], ['cuisine', 'Cuisine'], ['job_id', 'Changed by import (id)']], query, p => go(p))),
      h('section', { class: 'card', id: 'records' },
        h('p', { class: 'hint', role: 'status' }, number(result.total_items) + ' restaurants'),
        table([
          { label: 'Name', value: r => h('a', { href: '#/records/restaurants/' + r.id }, r.name) },
          { label: 'City', value: r => r.city || '–' },
          { label: 'Cuisines', value: r => (r.cuisines || []).join(', '), cell: true },
          { label: 'Rating', value: r => (r.rating ?? '–'), num: true },
          { label: 'Votes', value: r => number(r.votes), num: true },
          { label: 'Reviews', value: r => reviewSummary(r), num: true },
        ], result.items, { caption: 'Restaurants', empty: 'No restaurants yet: import some.' }),
        pager(page, result.total_pages, n => go(keep(['city', 'cuisine', 'job_id']), n))));
    return null;
  }
  if (kind === 'products') {
    const params = new URLSearchParams({ page: String(page), size: String(SIZE) });
    ['q', 'barcode', 'sku', 'job_id'].forEach(k => query.get(k) && params.set(k, query.get(k)));
    const result = await api.get('/api/products?' + params);
    show(main, h('h1', {}, 'Products'), tabs(kind),
      h('section', { class: 'card' }, searchForm([['q', 'Name or brand'], ['barcode', 'Barcode'], ['sku', 'SKU'], ['job_id', 'Changed by import (id)']], query, p => go(p))),
      h('section', { class: 'card', id: 'records' },
        h('p', { class: 'hint', role: 'status' }, number(result.total_items) + ' products'),
        table([
          { label: 'Image', value: p => thumbnail(p) },
          { label: 'Name', value: p => h('a', { href: '#/records/products/' + p.id + '?name=' + encodeURIComponent(p.name) }, p.name), cell: true },
          { label: 'Brand', value: p => p.brand || '–' },
          { label: 'Category', value: p => p.category || '–' },
          { label: 'Barcode', value: p => p.barcode || '–' },
          { label: 'SKU', value: p => p.sku || '–' },
          { label: 'Quality', value: p => (p.quality_score ?? '–'), num: true },
        ], result.items, { caption: 'Products', empty: 'No products match.' }),
        pager(page, result.total_pages, n => go(keep(['q', 'barcode', 'sku', 'job_id']), n))));
    return null;
  }
  const ref = query.get('customer');
  const form = searchForm([['customer', 'Customer reference']], query, p => go(p));
  if (!ref) {
    show(main, h('h1', {}, 'Purchases'), tabs(kind), h('section', { class: 'card' }, form,
      h('p', { class: 'hint' }, 'Enter a customer reference to see their purchases, newest first.')));
    return null;
  }
  let result;
  try {
    result = await api.get('/api/customers/' + encodeURIComponent(ref) + '/purchases?page=' + page + '&size=' + SIZE);
  } catch (problem) {
    show(main, h('h1', {}, 'Purchases'), tabs(kind), h('section', { class: 'card' }, form, problemView(h, problem)));
    return null;
  }
  show(main, h('h1', {}, 'Purchases of ' + ref), tabs(kind),
    h('section', { class: 'card' }, form),
    h('section', { class: 'card', id: 'records' },
      table([
        { label: 'When', value: p => dateTime(p.purchased_at) },
        { label: 'Transaction', value: p => p.transaction_ref + (p.is_refund ? ' (refund)' : '') },
        { label: 'Merchant', value: p => p.merchant },
        { label: 'Items', value: p => number(p.item_count), num: true },
        { label: 'Total', value: p => (p.total_amount ?? '–') + ' ' + (p.currency || ''), num: true },
      ], result.items, { caption: 'Purchases', empty: 'No purchases.' }),
      pager(page, result.total_pages, n => go(keep(['customer']), n))));
  return null;
}

// A product's stock in each store, as inventory imports left it (the name comes along in the link: the read API
// has no single-product view)
async function productStock(main, id, name, page, go, kind) {
  const stock = await api.get('/api/products/' + encodeURIComponent(id) + '/inventory?page=' + page + '&size=' + SIZE);
  show(main, h('h1', {}, 'Stock of ' + (name || 'product ' + id)), tabs(kind),
    h('section', { class: 'card', id: 'inventory' },
      h('p', { class: 'hint', role: 'status' }, number(stock.total_items) + (stock.total_items === 1 ? ' store' : ' stores')),
      table([
        { label: 'Store', value: s => s.store_ref },
        { label: 'Quantity', value: s => number(s.quantity), num: true },
        { label: 'Price', value: s => (s.price == null ? '–' : s.price + ' ' + (s.currency || '')), num: true },
        { label: 'Counted', value: s => dateTime(s.updated_at) },
      ], stock.items, { caption: 'Stock per store', empty: 'No stock imported for this product.' }),
      pager(page, stock.total_pages, go)));
  return null;
}

// "4.33 ★ (3)": the average of the imported reviews and how many there are
function reviewSummary(place) {
  return place.review_count ? place.average_rating + ' ★ (' + number(place.review_count) + ')' : '–';
}

async function restaurant(main, id) {
  const base = '/api/restaurants/' + encodeURIComponent(id);
  const [place, menu, reviews] = await Promise.all([api.get(base), api.get(base + '/menu?size=100'),
    api.get(base + '/reviews?size=' + SIZE)]);
  show(main, h('h1', {}, place.name), tabs('restaurants'),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, 'Address'), h('dd', {}, place.address || '–'),
      h('dt', {}, 'City'), h('dd', {}, place.city || '–'),
      h('dt', {}, 'Cuisines'), h('dd', {}, (place.cuisines || []).join(', ') || '–'),
      h('dt', {}, 'Rating'), h('dd', {}, place.rating == null ? '–' : place.rating + ' (' + number(place.votes) + ' votes)'),
      h('dt', {}, 'Reviews'), h('dd', { id: 'review-summary' }, place.review_count
        ? place.average_rating + ' average of ' + number(place.review_count) + (place.review_count === 1 ? ' review' : ' reviews')
        : 'none imported'),
      h('dt', {}, 'External id'), h('dd', {}, place.external_id || '–'))),
    h('section', { class: 'card' }, h('h2', {}, 'Menu'),
      table([
        { label: 'Dish', value: d => d.name, cell: true },
        { label: 'Category', value: d => d.category || '–' },
        { label: 'Price', value: d => (d.price == null ? '–' : d.price + ' ' + (d.currency || '')), num: true },
      ], menu.items, { caption: 'Menu', empty: 'No dishes imported for this restaurant.' })),
    h('section', { class: 'card', id: 'reviews' }, h('h2', {}, 'Reviews'),
      reviews.total_items > reviews.items.length
        ? h('p', { class: 'hint' }, 'The newest ' + reviews.items.length + ' of ' + number(reviews.total_items) + '.') : null,
      table([
        { label: 'When', value: r => dateTime(r.reviewed_at) },
        { label: 'Stars', value: r => r.rating, num: true },
        { label: 'Review', value: r => [r.title ? h('strong', {}, r.title) : null, r.title && r.text ? ' ' : null, r.text || ''], cell: true },
        { label: 'Author', value: r => r.author || '–' },
      ], reviews.items, { caption: 'Reviews', empty: 'No reviews imported for this restaurant.' })));
  return null;
}

/** A product's first stored image as a small thumbnail (48 px on its long side), or a dash when none was stored. */
function thumbnail(p) {
  const image = (p.images || [])[0];
  if (!image) {
    return '–';
  }
  const scale = 48 / Math.max(image.width, image.height, 1);
  return h('img', { src: image.thumbnail_url, alt: 'Photo of ' + p.name, loading: 'lazy',
    width: String(Math.max(1, Math.round(image.width * scale))), height: String(Math.max(1, Math.round(image.height * scale))) });
}
