/**
 * Customer e-mail HTML reduced to what an agent needs to read it: an allow-list of formatting tags and attributes,
 * nothing that runs (script, event handlers, javascript:/vbscript: URLs, forms, frames, plugins) and nothing that
 * fetches by itself. Remote images are tracking pixels as often as content, and loading one tells the sender the
 * mail was opened and from where, so they stay blocked until the agent allows them; `cid:` images are the mail's
 * own inline attachments and are kept. The agent app should still render the result in a sandboxed iframe: this
 * is the first wall, not the only one.
 */
import sanitizeHtml from 'sanitize-html';

export interface SanitizedHtml {
  html: string;
  /** Remote images whose address was moved to `data-blocked-src`; 0 when they were allowed. */
  blockedImages: number;
}

const ALLOWED_TAGS = [
  ...[
    'a',
    'abbr',
    'b',
    'bdi',
    'bdo',
    'big',
    'blockquote',
    'br',
    'center',
    'cite',
    'code',
    'dd',
    'del',
    'dfn',
  ],
  ...['div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd'],
  ...['li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup'],
  ...[
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'tt',
    'u',
    'ul',
    'wbr',
  ],
];

// No `class` or `id`: the message is shown inside the agent app, and borrowing the app's own class names
// (or anchors) would let a sender restyle or overlay the app around it.
const LAYOUT_ATTRIBUTES = ['align', 'valign', 'width', 'height', 'bgcolor', 'dir', 'lang', 'title', 'style'];

// Inline styles carry most of an HTML mail's layout, so they stay, but only properties that cannot fetch
// (no url(), no @import), run (no expression()) or escape the message box (no position, z-index, transform).
// Backslashes are refused because CSS escapes can spell "url" without the letters.
const SAFE_CSS_VALUE = /^(?!.*(?:url|expression|javascript|import|\\))[^<>]*$/i;
const STYLE_PROPERTIES = [
  ...['color', 'background-color', 'font', 'font-family', 'font-size', 'font-style', 'font-weight'],
  ...['text-align', 'text-decoration', 'text-indent', 'line-height', 'letter-spacing', 'white-space'],
  ...['vertical-align', 'direction', 'width', 'height', 'max-width', 'min-width', 'list-style-type'],
  ...['margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left'],
  ...['padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left'],
  ...['border', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style'],
  ...['border-width', 'border-collapse', 'border-spacing', 'border-radius'],
];

// Browsers ignore ASCII whitespace and control characters inside URLs ("ht\ttps:" loads), so URLs are
// compared the way a browser will read them.
const URL_NOISE = /[\p{Cc}\s]/gu;
const REMOTE_URL = /^(?:https?:)?\/\//i;
const RASTER_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp);/i;
// Relative URLs go too: inside the agent app they would resolve against Kefu itself, so <img src="/api/…">
// would be a request with the agent's session.
const ABSOLUTE_LINK = /^(?:https?:|mailto:|tel:)/i;

/** Sanitises one message's HTML; remote images are blocked unless `allowRemoteImages`. */
export function sanitizeEmailHtml(
  html: string,
  options: {
    allowRemoteImages: boolean;
    /**
     * Masks personal data in the text the page shows (the agent's view: as masked as the thread): each run of text
     * between tags, and alt / title; links keep their masked text and lose their address.
     */
    maskText?: (text: string) => string;
  },
): SanitizedHtml {
  let blockedImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      '*': LAYOUT_ATTRIBUTES,
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'border', 'data-blocked-src'],
      font: ['color', 'face', 'size'],
      table: ['border', 'cellpadding', 'cellspacing'],
      td: ['colspan', 'rowspan', 'nowrap'],
      th: ['colspan', 'rowspan', 'nowrap', 'scope'],
      ol: ['start', 'type'],
      ul: ['type'],
      col: ['span'],
      colgroup: ['span'],
    },
    allowedStyles: {
      '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [SAFE_CSS_VALUE]])),
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data', 'http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        const url = (href ?? '').replace(URL_NOISE, '');
        // Masked for the agent's view: an address can carry what the text masks (mailto:, tel:, ?phone=…), and the
        // sandboxed frame could not follow a link anyway.
        const link: Record<string, string> =
          ABSOLUTE_LINK.test(url) && !options.maskText ? { href: url } : {};
        return {
          tagName,
          attribs: { ...link, ...rest, target: '_blank', rel: 'noopener noreferrer nofollow' },
        };
      },
      img: (tagName, attribs) => {
        // A sender-supplied data-blocked-src must not ride along: the app loads that attribute on "show images".
        const { src, 'data-blocked-src': _forged, ...rest } = attribs;
        let url = (src ?? '').replace(URL_NOISE, '');
        if (REMOTE_URL.test(url)) {
          if (url.startsWith('//')) url = `https:${url}`;
          if (options.allowRemoteImages) return { tagName, attribs: { ...rest, src: url } };
          blockedImages++;
          return { tagName, attribs: { ...rest, 'data-blocked-src': url } };
        }
        // data: only as a raster image (SVG and text/html data URLs are documents); cid: is an inline attachment.
        const embedded = RASTER_DATA_IMAGE.test(url) || /^cid:/i.test(url);
        return { tagName, attribs: embedded ? { ...rest, src: url } : rest };
      },
    },
  });
  return { html: options.maskText ? maskRenderedText(clean, options.maskText) : clean, blockedImages };
}

const ESCAPED = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' } as const;
const decodeEscapes = (text: string) =>
  text.replace(/&(?:amp|lt|gt|quot);/g, (entity) => ESCAPED[entity as keyof typeof ESCAPED]);
const encodeEscapes = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Masks the sanitised output, not the parser's pieces: the parser hands entities over one by one (`138&#32;0013…`,
 * `a&#64;b.cn`), whereas sanitize-html writes text back decoded, with only & < > " escaped, so each run of text
 * between two tags is whole here.
 */
function maskRenderedText(html: string, mask: (text: string) => string): string {
  return html
    .replace(
      /(^|>)([^<]+)/g,
      (_whole, open: string, text: string) => `${open}${encodeEscapes(mask(decodeEscapes(text)))}`,
    )
    .replace(
      /\s(alt|title)="([^"]*)"/g,
      (_whole, name: string, value: string) => ` ${name}="${encodeEscapes(mask(decodeEscapes(value)))}"`,
    );
}
