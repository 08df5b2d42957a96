import { expect } from 'chai';
import { formatAge, formatBytes, formatCount, formatDuration, formatMs, formatPercent, UNKNOWN } from '../../../web-components/status-drawer/format.js';

describe('status-drawer display formats', () => {
  it('shows an unknown figure as an en dash, never as 0 or NaN', () => {
    expect([formatMs(null), formatMs(undefined), formatPercent(null), formatCount(null)]).to.deep.equal([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(formatAge('not a date', Date.now())).to.equal(UNKNOWN);
  });

  it('formats response times, percentages, sizes and counts', () => {
    expect([formatMs(3.14159), formatMs(12.6), formatMs(0)]).to.deep.equal(['3.1 ms', '13 ms', '0.0 ms']);
    expect([formatPercent(66.66), formatPercent(100), formatPercent(0)]).to.deep.equal(['66.7 %', '100 %', '0 %']);
    expect([formatBytes(512), formatBytes(1500), formatBytes(224_628_736), formatBytes(1_234_000_000)]).to.deep.equal(['512 B', '1.5 kB', '225 MB', '1.2 GB']);
    expect(formatCount(1234567)).to.equal('1,234,567');
  });

  it('formats durations with their two largest units, and ages relative to now', () => {
    expect([formatDuration(0), formatDuration(12), formatDuration(250), formatDuration(7500), formatDuration(273_600)]).to.deep.equal(['0 s', '12 s', '4 min 10 s', '2 h 5 min', '3 d 4 h']);
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(formatAge('2026-12-02T11:59:55Z', now)).to.equal('5 s ago');
    expect(formatAge(now - 200, now)).to.equal('just now');
    expect(formatAge(now + 5000, now), 'a clock ahead of ours is not in the future').to.equal('just now');
  });
});
