// How numbers, sizes, dates and durations read on the page.

const numbers = new Intl.NumberFormat('en-US');

export function number(value) {
  return value === null || value === undefined ? '–' : numbers.format(value);
}

export function bytes(size) {
  if (size === null || size === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
}

export function dateTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "in 1 min 20 s" from now until an instant, or null when it has passed or is unknown. */
export function until(iso, now = Date.now()) {
  if (!iso) return null;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  return seconds <= 0 ? 'any moment' : 'in ' + duration(seconds);
}

export function duration(seconds) {
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min ' + (seconds % 60) + ' s';
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

export function percent(value) {
  return value === null || value === undefined ? '–' : (Math.round(value * 10) / 10) + ' %';
}

// PAUSED too: a batch in flight when it paused may still finish it, and its owner may resume it elsewhere
const LIVE = ['AWAITING_UPLOAD', 'PENDING', 'INGESTING', 'APPLYING', 'CANCELLING', 'PAUSED'];

export function isLive(status) {
  return LIVE.includes(status);
}

/** A status as a badge, with words rather than the wire name. */
export function statusLabel(status) {
  return ({
    AWAITING_UPLOAD: 'Awaiting upload', PENDING: 'Queued', INGESTING: 'Reading file', PREVIEW_READY: 'Preview ready',
    APPLYING: 'Importing', COMPLETED: 'Completed', COMPLETED_WITH_ERRORS: 'Completed with errors', FAILED: 'Failed',
    CANCELLING: 'Cancelling', CANCELLED: 'Cancelled', PAUSED: 'Paused',
  })[status] || status;
}

export function statusTone(status) {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'COMPLETED_WITH_ERRORS' || status === 'PREVIEW_READY' || status === 'CANCELLED'
    || status === 'PAUSED') return 'warn';
  if (status === 'FAILED') return 'bad';
  return 'live';
}
