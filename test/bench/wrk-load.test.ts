import { expect } from 'chai';
import { wrkFigures } from '../../bench/lib/wrk-load.js';

/** A report wrk 4.1 printed here (`wrk -t1 -c10 -d1s --latency`), against the bare Koa bench server. */
const REPORT = `Running 1s test @ http://127.0.0.1:44433/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.02ms    2.89ms  39.49ms   96.59%
    Req/Sec    20.09k    11.27k   33.80k    60.00%
  Latency Distribution
     50%  394.00us
     75%  780.00us
     90%    1.56ms
     99%   18.11ms
  19949 requests in 1.00s, 4.93MB read
Requests/sec:  19913.02
Transfer/sec:      4.92MB
`;

describe('wrkFigures (the cached-price bench with BENCH_LOADER=wrk)', () => {
  it('reads requests, req/s and the p50 and p99 latency in ms, whatever unit wrk printed them in', () => {
    expect(wrkFigures(REPORT)).to.deep.equal({ requests: 19_949, requestsPerSecond: 19_913, p50Ms: 0.394, p99Ms: 18.11, non2xx: 0, errors: 0, timeouts: 0, statusCodes: {} });
  });

  it('counts non-2xx answers, socket errors and timeouts when wrk reports them', () => {
    const failing = REPORT.replace('Requests/sec', '  Socket errors: connect 1, read 3, write 2, timeout 4\n  Non-2xx or 3xx responses: 12\nRequests/sec');
    expect(wrkFigures(failing)).to.include({ non2xx: 12, errors: 6, timeouts: 4 });
  });

  it('refuses a report it cannot read, naming what is missing', () => {
    expect(() => wrkFigures('unable to connect to 127.0.0.1:1 Connection refused')).to.throw("wrk's report has no request count");
    expect(() => wrkFigures(REPORT.replace(/^\s+99%.*$/m, ''))).to.throw("wrk's report has no 99% latency");
  });
});
