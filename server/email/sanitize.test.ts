import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize';

const blocked = (html: string) => sanitizeEmailHtml(html, { allowRemoteImages: false });

describe('sanitizeEmailHtml', () => {
  it('blocks remote images written the ways browsers still load them', () => {
    const result = blocked(
      '<img src="ht\ttps://t.example/a.gif"><img src=" //t.example/b.gif"><img src="HTTP://t.example/c">',
    );
    expect(result.blockedImages).toBe(3);
    expect(result.html).toBe(
      '<img data-blocked-src="https://t.example/a.gif" /><img data-blocked-src="https://t.example/b.gif" /><img data-blocked-src="HTTP://t.example/c" />',
    );
  });

  it('shows remote images once the agent allows them', () => {
    expect(sanitizeEmailHtml('<img src="https://cdn.example/p.jpg">', { allowRemoteImages: true })).toEqual({
      html: '<img src="https://cdn.example/p.jpg" />',
      blockedImages: 0,
    });
  });

  it('keeps cid: images and drops a data-blocked-src the sender wrote', () => {
    expect(blocked('<img src="cid:part1@x" data-blocked-src="javascript:alert(1)">').html).toBe(
      '<img src="cid:part1@x" />',
    );
  });

  it('drops relative URLs that would resolve against Kefu itself', () => {
    expect(blocked('<img src="/api/tickets/1/close"><a href="/logout">x</a>').html).toBe(
      '<img /><a target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it('does not let markup inside svg/math raw-text elements come back to life', () => {
    const { html } = blocked(
      '<svg><textarea><img src=x onerror=alert(1)></textarea></svg><math><xmp><img src=x onerror=alert(2)></xmp></math>',
    );
    expect(html).not.toMatch(/<img|onerror/);
  });

  it('keeps layout styles but not ones that fetch, run or escape the message box', () => {
    const { html } = blocked(
      '<div style="color:red;background:u\\rl(https://t.example/x);width:expression(alert(1));position:fixed;z-index:9;font-size:14px">a</div>',
    );
    expect(html).toBe('<div style="color:red;font-size:14px">a</div>');
  });

  it("drops class and id so a mail cannot borrow the agent app's styles", () => {
    expect(blocked('<p class="ant-modal-mask" id="root">hi</p>').html).toBe('<p>hi</p>');
  });
});
