/**
 * The account's approved message templates (`GET /{waba-id}/message_templates?status=APPROVED`), the only messages
 * WhatsApp delivers outside the 24-hour window. Cached briefly per account: the reply box asks on every ticket
 * opened, and templates change only when Meta approves a new one.
 */
import type { OutboundTemplate } from '@server/db/schema';
import { HttpProblem, unprocessable } from '@server/http/problem';
import type { ChannelAccount } from '../repo';
import { GraphCallError, graphJson, graphUrl, onGraphOrigin, settingsOf } from './client';

export interface WhatsappTemplate {
  name: string;
  /** The language code it was approved in (`zh_CN`, `en_US`): name + language identify a template. */
  language: string;
  /** The body text with its `{{1}}`, `{{2}}`… parameters. */
  body: string;
  parameterCount: number;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; templates: WhatsappTemplate[] }>();

interface GraphTemplate {
  name?: unknown;
  language?: unknown;
  status?: unknown;
  components?: { type?: unknown; text?: unknown }[];
}

/** The highest `{{n}}` in a body: the number of parameters the sender must fill in. */
export function parameterCountOf(body: string): number {
  let count = 0;
  for (const match of body.matchAll(/\{\{\s*(\d{1,2})\s*\}\}/g)) count = Math.max(count, Number(match[1]));
  return count;
}

/** The text the customer reads: `{{n}}` replaced by the n-th parameter. */
export function renderTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{\s*(\d{1,2})\s*\}\}/g, (whole, n) => parameters[Number(n) - 1] ?? whole);
}

function toTemplate(raw: GraphTemplate): WhatsappTemplate | null {
  if (typeof raw.name !== 'string' || typeof raw.language !== 'string') return null;
  if (raw.status !== undefined && raw.status !== 'APPROVED') return null;
  const body = raw.components?.find((component) => String(component.type).toUpperCase() === 'BODY')?.text;
  if (typeof body !== 'string') return null;
  return { name: raw.name, language: raw.language, body, parameterCount: parameterCountOf(body) };
}

/** Approved templates with a body, from the cache when fetched within the last minute. */
export async function listApprovedTemplates(
  account: ChannelAccount,
  now = Date.now(),
): Promise<WhatsappTemplate[]> {
  const cached = cache.get(account.row.id);
  if (cached && now - cached.at < CACHE_MS) return cached.templates;
  const settings = settingsOf(account);
  const templates: WhatsappTemplate[] = [];
  let url: string | undefined = graphUrl(
    settings,
    `${settings.businessAccountId}/message_templates?status=APPROVED&fields=name,language,status,components&limit=100`,
  );
  // A few pages at most: a desk offers tens of templates, not thousands.
  for (let page = 0; url && page < 5; page++) {
    const answer: { data?: GraphTemplate[]; paging?: { next?: unknown } } = await graphJson(account, url, {
      timeoutMs: 5_000,
    });
    for (const raw of answer.data ?? []) {
      const template = toTemplate(raw);
      if (template) templates.push(template);
    }
    const next = answer.paging?.next;
    // The next page is fetched with the bearer token: only from the account's own API origin.
    url = typeof next === 'string' && onGraphOrigin(settings, next) ? next : undefined;
  }
  cache.set(account.row.id, { at: now, templates });
  return templates;
}

/** The approved templates, or a 502 problem naming WhatsApp's error when they cannot be read. */
export async function approvedTemplatesOrProblem(account: ChannelAccount): Promise<WhatsappTemplate[]> {
  try {
    return await listApprovedTemplates(account);
  } catch (error) {
    const code = error instanceof GraphCallError ? (error.graph.code ?? error.graph.status) : 'network';
    throw new HttpProblem(502, 'templates_unavailable', `WhatsApp did not list the templates (${code})`);
  }
}

/**
 * Checks a template reply against the approved list and renders it: the stored reply's body is what the customer
 * reads, the delivery sends the template itself.
 */
export async function prepareTemplateReply(
  account: ChannelAccount,
  requested: OutboundTemplate,
): Promise<{ body: string; template: OutboundTemplate }> {
  const templates = await approvedTemplatesOrProblem(account);
  const template = templates.find((t) => t.name === requested.name && t.language === requested.language);
  if (!template) {
    throw unprocessable('unknown_template', 'This template is not approved for the WhatsApp account', [
      { path: '/template/name', message: 'Not an approved template in this language' },
    ]);
  }
  if (requested.parameters.length !== template.parameterCount) {
    throw unprocessable('template_parameters', `This template takes ${template.parameterCount} parameters`, [
      { path: '/template/parameters', message: `Expected ${template.parameterCount}` },
    ]);
  }
  return { body: renderTemplate(template.body, requested.parameters), template: requested };
}
