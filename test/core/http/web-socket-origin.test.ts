import { expect } from 'chai';
import { webSocketOriginAllowed } from '../../../core/http/web-socket-origin.js';

describe('webSocketOriginAllowed', () => {
  const host = 'gateway.example:7860';

  it('lets in clients that send no Origin (not browsers)', () => {
    expect(webSocketOriginAllowed(undefined, host, [])).to.equal(true);
  });

  it('lets in the gateway\'s own pages, whatever the scheme, and no other host or port', () => {
    expect(webSocketOriginAllowed('http://gateway.example:7860', host, [])).to.equal(true);
    expect(webSocketOriginAllowed('https://GATEWAY.example:7860', 'Gateway.Example:7860', [])).to.equal(true);
    expect(webSocketOriginAllowed('http://gateway.example:7861', host, [])).to.equal(false);
    expect(webSocketOriginAllowed('http://evil.example:7860', host, [])).to.equal(false);
    expect(webSocketOriginAllowed('http://gateway.example:7860', undefined, [])).to.equal(false);
  });

  it('lets in origins on the CORS allowlist exactly, and any with "*"', () => {
    expect(webSocketOriginAllowed('https://drawer.example', host, ['https://drawer.example'])).to.equal(true);
    expect(webSocketOriginAllowed('https://drawer.example:8443', host, ['https://drawer.example'])).to.equal(false);
    expect(webSocketOriginAllowed('https://anyone.example', host, ['*'])).to.equal(true);
  });

  it('refuses an Origin that is no URL ("null" from sandboxed pages and files)', () => {
    expect(webSocketOriginAllowed('null', host, [])).to.equal(false);
    expect(webSocketOriginAllowed('not a url', host, [])).to.equal(false);
  });
});
