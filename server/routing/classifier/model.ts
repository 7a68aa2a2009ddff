/**
 * The classifier's counts in the database (classifier_labels, classifier_tokens, classifier_examples), per
 * workspace: suggesting reads only the counts of the words a batch of new tickets holds, learning adds one
 * ticket's words and takes back what that ticket taught before.
 */
import type { Database, TicketRow } from '@server/db/schema';
import { indexTokens } from '@server/search/segmenter';
import type { TypeSuggestion } from '@shared/routing';
import type { TicketType } from '@shared/taxonomy';
import { type Kysely, sql } from 'kysely';
import { classifierTokens, labelOf, ticketClassificationText } from './features';
import { suggestFromKeywords } from './keywords';
import { countTokens, type LabelTotals, labelPosteriors, type NaiveBayesCounts } from './naive-bayes';
import { resolveLabel, suggestionFromPosteriors } from './suggestion';

/**
 * Below this many confirmed tickets (of at least two types) the counts say more about the first few tickets than
 * about the workspace's requests: the keyword hints answer instead.
 */
const MIN_LEARNED_TICKETS = 20;

/**
 * Distinct words per workspace, recounted at most every few minutes per process (or when the workspace has learnt
 * much more since): counting them scans all the workspace's token rows, and the number only scales the smoothing
 * (on the bench, half or three times the true number moves accuracy by less than half a point).
 */
const vocabularies = new Map<string, { size: number; documents: number; countedAt: number }>();
const VOCABULARY_RECOUNT_MS = 10 * 60_000;
const VOCABULARY_RECOUNT_GROWTH = 1.2;

async function vocabularySize(db: Kysely<Database>, workspaceId: string, documents: number): Promise<number> {
  const cached = vocabularies.get(workspaceId);
  const now = Date.now();
  if (
    cached &&
    now - cached.countedAt < VOCABULARY_RECOUNT_MS &&
    documents <= cached.documents * VOCABULARY_RECOUNT_GROWTH
  )
    return cached.size;
  // DISTINCT in a subquery: PostgreSQL hashes it, where count(DISTINCT …) would sort.
  const { size } = await db
    .selectFrom(
      db
        .selectFrom('classifier_tokens')
        .select('token')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where('count', '>', 0)
        .as('words'),
    )
    .select(sql<number>`count(*)`.as('size'))
    .executeTakeFirstOrThrow();
  vocabularies.set(workspaceId, { size, documents, countedAt: now });
  return size;
}

/** One suggestion per document, null when nothing is known (no examples, no keyword hit). */
export async function suggestTypes(
  db: Kysely<Database>,
  options: { workspaceId: string; types: TicketType[]; documents: { text: string; tokens: string[] }[] },
): Promise<(TypeSuggestion | null)[]> {
  const { workspaceId, types, documents } = options;
  if (documents.length === 0) return [];
  if (types.length === 0) return documents.map(() => null);

  const labelRows = await db
    .selectFrom('classifier_labels')
    .select(['label', 'documents', 'tokens'])
    .where('workspace_id', '=', workspaceId)
    .where('documents', '>', 0)
    .execute();
  const usable = labelRows.filter((row) => resolveLabel(row.label, types) !== null);
  const learned = usable.reduce((sum, row) => sum + row.documents, 0);
  const learnedTypes = new Set(usable.map((row) => resolveLabel(row.label, types)?.type));
  if (learned < MIN_LEARNED_TICKETS || learnedTypes.size < 2)
    return documents.map((document) => suggestFromKeywords(document.text, types));

  const tokensOf = documents.map((document) => classifierTokens(document.tokens));
  const distinct = [...new Set(tokensOf.flat())];
  const tokenRows = distinct.length
    ? await db
        .selectFrom('classifier_tokens')
        .select(['token', 'label', 'count'])
        .where('workspace_id', '=', workspaceId)
        .where(sql<boolean>`token = ANY(${distinct}::text[])`)
        .where('count', '>', 0)
        .execute()
    : [];
  const tokens = new Map<string, Map<string, number>>();
  for (const row of tokenRows) {
    const perLabel = tokens.get(row.token) ?? new Map<string, number>();
    perLabel.set(row.label, row.count);
    tokens.set(row.token, perLabel);
  }
  const model: NaiveBayesCounts = {
    labels: new Map<string, LabelTotals>(
      labelRows.map((row) => [row.label, { documents: row.documents, tokens: row.tokens }]),
    ),
    tokens,
    vocabularySize: await vocabularySize(db, workspaceId, learned),
  };
  const candidates = new Set(usable.map((row) => row.label));
  return documents.map((document, index) => {
    const { posteriors, knownTokens } = labelPosteriors(model, tokensOf[index] as string[], candidates);
    // Not one word the model has seen: its answer would be the prior, so the keywords get their turn.
    if (knownTokens === 0) return suggestFromKeywords(document.text, types);
    return suggestionFromPosteriors(posteriors, types);
  });
}

/** Label and token deltas of one lesson, applied in one statement each, in key order (no lock-order deadlocks). */
function lessonDeltas(lessons: { label: string; tokens: string[]; sign: 1 | -1 }[]) {
  const labels = new Map<string, { documents: number; tokens: number }>();
  const tokens = new Map<string, { token: string; label: string; count: number }>();
  for (const lesson of lessons) {
    const totals = labels.get(lesson.label) ?? { documents: 0, tokens: 0 };
    totals.documents += lesson.sign;
    totals.tokens += lesson.sign * lesson.tokens.length;
    labels.set(lesson.label, totals);
    for (const [token, times] of countTokens(lesson.tokens)) {
      const key = `${token}\u0000${lesson.label}`;
      const entry = tokens.get(key) ?? { token, label: lesson.label, count: 0 };
      entry.count += lesson.sign * times;
      tokens.set(key, entry);
    }
  }
  return {
    labels: [...labels].filter(([, totals]) => totals.documents !== 0 || totals.tokens !== 0),
    tokens: [...tokens.values()].filter((entry) => entry.count !== 0),
  };
}

/**
 * Adds and takes back lessons in two statements, in key order (no lock-order deadlocks between two learners), then
 * drops the rows a taken-back lesson alone held: empty rows would only inflate the vocabulary and the scans.
 */
async function applyLessons(
  tx: Kysely<Database>,
  workspaceId: string,
  lessons: { label: string; tokens: string[]; sign: 1 | -1 }[],
): Promise<void> {
  const deltas = lessonDeltas(lessons);
  if (deltas.labels.length > 0) {
    await sql`
      INSERT INTO classifier_labels (workspace_id, label, documents, tokens)
      SELECT ${workspaceId}, delta.label, delta.documents, delta.tokens
      FROM unnest(${deltas.labels.map(([key]) => key)}::text[],
                  ${deltas.labels.map(([, totals]) => totals.documents)}::int[],
                  ${deltas.labels.map(([, totals]) => totals.tokens)}::int[]) AS delta(label, documents, tokens)
      ORDER BY delta.label
      ON CONFLICT (workspace_id, label) DO UPDATE
        SET documents = classifier_labels.documents + excluded.documents,
            tokens = classifier_labels.tokens + excluded.tokens`.execute(tx);
  }
  if (deltas.tokens.length > 0) {
    await sql`
      INSERT INTO classifier_tokens (workspace_id, token, label, count)
      SELECT ${workspaceId}, delta.token, delta.label, delta.count
      FROM unnest(${deltas.tokens.map((entry) => entry.token)}::text[],
                  ${deltas.tokens.map((entry) => entry.label)}::text[],
                  ${deltas.tokens.map((entry) => entry.count)}::int[]) AS delta(token, label, count)
      ORDER BY delta.token, delta.label
      ON CONFLICT (workspace_id, token, label) DO UPDATE
        SET count = classifier_tokens.count + excluded.count`.execute(tx);
  }
  const taken = deltas.tokens.filter((entry) => entry.count < 0);
  if (taken.length > 0) {
    await sql`
      DELETE FROM classifier_tokens
      WHERE workspace_id = ${workspaceId} AND count <= 0
        AND (token, label) IN (SELECT * FROM unnest(${taken.map((entry) => entry.token)}::text[],
                                                     ${taken.map((entry) => entry.label)}::text[]))`.execute(
      tx,
    );
  }
  const takenLabels = deltas.labels.filter(([, totals]) => totals.documents < 0).map(([label]) => label);
  if (takenLabels.length > 0) {
    await tx
      .deleteFrom('classifier_labels')
      .where('workspace_id', '=', workspaceId)
      .where('label', 'in', takenLabels)
      .where('documents', '<=', 0)
      .execute();
  }
}

/** Teaches (or re-teaches: the ticket's previous lesson is taken back first) the ticket's confirmed type. */
export async function learnTicketType(
  tx: Kysely<Database>,
  options: { workspaceId: string; ticketId: string; type: string; subtype: string | null; tokens: string[] },
): Promise<void> {
  const { workspaceId, ticketId } = options;
  const label = labelOf(options.type, options.subtype);
  const tokens = classifierTokens(options.tokens);
  const previous = await tx
    .selectFrom('classifier_examples')
    .select(['label', 'tokens'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
  await applyLessons(tx, workspaceId, [
    ...(previous ? [{ label: previous.label, tokens: previous.tokens, sign: -1 as const }] : []),
    { label, tokens, sign: 1 as const },
  ]);
  await tx
    .insertInto('classifier_examples')
    .values({ workspace_id: workspaceId, ticket_id: ticketId, label, tokens })
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'ticket_id'])
        .doUpdateSet({ label, tokens, created_at: sql<Date>`now()` }),
    )
    .execute();
}

/**
 * Takes back everything these tickets taught (a customer's erasure, PIPL Art. 47): their words leave the counts,
 * not only the examples, so no name the customer wrote stays in the model.
 */
export async function forgetTickets(
  tx: Kysely<Database>,
  options: { workspaceId: string; ticketIds: readonly string[] },
): Promise<void> {
  if (options.ticketIds.length === 0) return;
  const examples = await tx
    .deleteFrom('classifier_examples')
    .where('workspace_id', '=', options.workspaceId)
    .where(sql<boolean>`ticket_id = ANY(${[...options.ticketIds]}::uuid[])`)
    .returning(['label', 'tokens'])
    .execute();
  await applyLessons(
    tx,
    options.workspaceId,
    examples.map((example) => ({ label: example.label, tokens: example.tokens, sign: -1 as const })),
  );
}

/** The ticket's own words: what it was classified on at intake, so what it is learnt from. */
export async function classificationTokens(tx: Kysely<Database>, ticket: TicketRow): Promise<string[]> {
  const first = await tx
    .selectFrom('ticket_messages')
    .select('body')
    .where('workspace_id', '=', ticket.workspace_id)
    .where('ticket_id', '=', ticket.id)
    .where('direction', '=', 'inbound')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return indexTokens(
    ticketClassificationText({
      subject: ticket.subject,
      description: ticket.description,
      firstCustomerMessage: first?.body ?? null,
    }),
  );
}
