/**
 * Emergency mode's decision (pure, seed 002): which new tickets belong to an open incident, and when a surge of
 * similar tickets opens a new one. Words are compared as in duplicates (server/routing/duplicates/similarity.ts).
 */
import { sharedCount, signatureCoverage, textSimilarity } from '@server/routing/duplicates/similarity';

export interface WordedTicket {
  id: string;
  subject: string;
  /** Content words (`contentTokens()`). */
  words: ReadonlySet<string>;
}

export interface KnownIncident {
  /** An incident's id, or the key of one opened in this decision. */
  id: string;
  signature: ReadonlySet<string>;
}

export interface OpenedIncident {
  key: string;
  title: string;
  signature: string[];
  ticketIds: string[];
}

export interface IncidentDetection {
  /** Ticket id → incident id, or the key of an incident in `opened`. */
  links: Map<string, string>;
  opened: OpenedIncident[];
}

/** A signature names what the surge is about in a few words; more would only make later tickets miss it. */
export const MAX_SIGNATURE_WORDS = 6;
/** An incident title is a subject line. */
const MAX_TITLE_LENGTH = 80;
/** Fewer similar tickets than this are never an incident, whatever the workspace's threshold says. */
const MIN_INCIDENT_TICKETS = 2;
/** One shared word is chance (两条都提到「app」): similar means two shared words, or every word of the smaller side. */
const MIN_SHARED_WORDS = 2;

/** Similarity of two tickets' words (cosine), 0 when they share fewer words than MIN_SHARED_WORDS asks. */
export function ticketSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (sharedCount(a, b) < Math.min(MIN_SHARED_WORDS, a.size, b.size)) return 0;
  return textSimilarity(a, b);
}

/** How much of a signature a ticket's words cover, 0 when they share fewer words than MIN_SHARED_WORDS asks. */
export function incidentCoverage(signature: ReadonlySet<string>, words: ReadonlySet<string>): number {
  if (sharedCount(signature, words) < Math.min(MIN_SHARED_WORDS, signature.size)) return 0;
  return signatureCoverage(signature, words);
}

/**
 * The words of an incident: those at least half of its tickets use, the most used first. Incidental words of
 * single tickets (a product name, a complaint) stay out, so that the next ticket about the outage matches.
 */
export function incidentSignature(members: readonly ReadonlySet<string>[]): string[] {
  const counts = new Map<string, number>();
  for (const words of members) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const quorum = Math.ceil(members.length / 2);
  return [...counts]
    .filter(([, count]) => count >= quorum)
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .slice(0, MAX_SIGNATURE_WORDS)
    .map(([word]) => word);
}

/** The subject of the ticket that says most of the signature (the earliest of equals), or the signature itself. */
export function incidentTitle(members: readonly WordedTicket[], signature: readonly string[]): string {
  const words = new Set(signature);
  let best: WordedTicket | undefined;
  let bestCoverage = -1;
  for (const member of members) {
    const coverage = incidentCoverage(words, member.words);
    if (member.subject.trim() && coverage > bestCoverage) {
      best = member;
      bestCoverage = coverage;
    }
  }
  const title = best?.subject.trim() || signature.join(' ');
  return title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title;
}

/** The open incident whose signature the words cover best, when they cover at least `similarity` of it. */
export function matchIncident(
  words: ReadonlySet<string>,
  incidents: readonly KnownIncident[],
  similarity: number,
): KnownIncident | undefined {
  let best: KnownIncident | undefined;
  let bestCoverage = 0;
  for (const incident of incidents) {
    const coverage = incidentCoverage(incident.signature, words);
    if (coverage >= similarity && coverage > bestCoverage) {
      best = incident;
      bestCoverage = coverage;
    }
  }
  return best;
}

/**
 * Each new ticket, in order: linked to the open incident whose signature it covers (coverage ≥ `similarity`);
 * otherwise the recent tickets not in an incident whose words are similar to its own (cosine ≥ `similarity`) are
 * counted, itself included, and when they are `threshold` or more an incident opens with all of them, plus every
 * other recent unlinked ticket that covers the new signature. So with threshold 30, the 30th similar ticket within
 * the window opens it: "more than N" reads as "more than N − 1 others besides the newest".
 */
export function detectIncidents(input: {
  tickets: readonly WordedTicket[];
  openIncidents: readonly KnownIncident[];
  /** Tickets of the window not in any incident; the new ones may be among them. */
  recent: readonly WordedTicket[];
  threshold: number;
  similarity: number;
}): IncidentDetection {
  const links = new Map<string, string>();
  const opened: OpenedIncident[] = [];
  const incidents: KnownIncident[] = [...input.openIncidents];
  const pool = new Map(input.recent.map((ticket) => [ticket.id, ticket]));
  for (const ticket of input.tickets) pool.set(ticket.id, ticket);
  const threshold = Math.max(MIN_INCIDENT_TICKETS, input.threshold);

  for (const ticket of input.tickets) {
    if (links.has(ticket.id) || ticket.words.size === 0) continue;
    const incident = matchIncident(ticket.words, incidents, input.similarity);
    if (incident) {
      links.set(ticket.id, incident.id);
      continue;
    }
    const unlinked = [...pool.values()].filter((other) => !links.has(other.id));
    const similar = unlinked.filter(
      (other) => other.id === ticket.id || ticketSimilarity(ticket.words, other.words) >= input.similarity,
    );
    if (similar.length < threshold) continue;
    const signature = incidentSignature(similar.map((member) => member.words));
    if (signature.length === 0) continue;
    const signatureWords = new Set(signature);
    const similarIds = new Set(similar.map((member) => member.id));
    const members = unlinked.filter(
      (other) =>
        similarIds.has(other.id) || incidentCoverage(signatureWords, other.words) >= input.similarity,
    );
    const key = `opened:${opened.length}`;
    for (const member of members) links.set(member.id, key);
    incidents.push({ id: key, signature: signatureWords });
    opened.push({
      key,
      title: incidentTitle(similar, signature),
      signature,
      ticketIds: members.map((member) => member.id),
    });
  }
  return { links, opened };
}
