import { indexTokens } from '@server/search/segmenter';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket, buildUser, buildWorkspace } from '@server/test/factories';
import type { TypeSuggestion } from '@shared/routing';
import { findTaxonomyPreset, TAXONOMY_PRESETS, type TicketType } from '@shared/taxonomy';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierTokens } from './features';
import { SEED_TYPE_KEYWORDS, suggestFromKeywords } from './keywords';
import { learnTicketType, suggestTypes } from './model';
import { labelPosteriors, NaiveBayesTable } from './naive-bayes';
import { suggestionFromPosteriors } from './suggestion';

const db = testDb();
const typesOf = (presetId: string) => findTaxonomyPreset(presetId)?.types as TicketType[];
const defaultTypes = typesOf('multi-platform');
const words = (text: string) => classifierTokens(indexTokens(text));

describe('naive Bayes', () => {
  it('picks the label whose words a message shares, with posteriors that add up to 1', () => {
    const model = new NaiveBayesTable();
    model.learn('problem/logistics', words('快递三天了还没发货，物流也不更新'));
    model.learn('problem/logistics', words('物流一直不动，快递是不是丢了'));
    model.learn('consult/promotion', words('现在有优惠券吗，满减活动还有吗'));
    model.learn('consult/promotion', words('双十一有什么优惠活动'));
    const { posteriors, knownTokens } = labelPosteriors(model, words('我的快递怎么还没到，物流查不到'));
    expect(posteriors[0]?.label).toBe('problem/logistics');
    expect(posteriors[0]?.posterior).toBeGreaterThan(0.8);
    expect(knownTokens).toBeGreaterThan(0);
    expect(posteriors.reduce((sum, entry) => sum + entry.posterior, 0)).toBeCloseTo(1, 10);
    // Nothing it has seen: no evidence, only the prior.
    expect(labelPosteriors(model, words('今天天气很好')).knownTokens).toBe(0);
  });

  it('takes a lesson back exactly, leaving no trace of it', () => {
    const model = new NaiveBayesTable();
    model.learn('complaint/attitude', words('客服态度太差了'));
    model.learn('consult/stock', words('黑色什么时候补货'));
    model.learn('consult/stock', words('黑色什么时候补货'), -1);
    expect([...model.labels.keys()]).toEqual(['complaint/attitude']);
    expect(model.tokens.has('补货')).toBe(false);
    expect(model.vocabularySize).toBe(words('客服态度太差了').length);
  });

  it("adds up a type's sub-types and only suggests what the taxonomy still has", () => {
    const posteriors = [
      { label: 'complaint/attitude', posterior: 0.4 },
      { label: 'complaint/outcome', posterior: 0.35 },
      { label: 'retired_type', posterior: 0.2 },
      { label: 'consult', posterior: 0.05 },
    ];
    const suggestion = suggestionFromPosteriors(posteriors, defaultTypes);
    expect(suggestion).toMatchObject({ type: 'complaint', subtype: 'attitude', source: 'classifier' });
    expect(suggestion?.confidence).toBeCloseTo(0.75 / 0.8);
    // Two sub-types nearly even: the type is sure, the sub-type is not named.
    const split = suggestionFromPosteriors(
      [
        { label: 'complaint/attitude', posterior: 0.45 },
        { label: 'complaint/outcome', posterior: 0.45 },
        { label: 'consult', posterior: 0.1 },
      ],
      defaultTypes,
    );
    expect(split).toMatchObject({ type: 'complaint', subtype: null });
    expect(suggestionFromPosteriors([{ label: 'retired_type', posterior: 1 }], defaultTypes)).toBeNull();
  });

  it('ignores particles, greetings and order numbers but keeps complaint hotlines', () => {
    const kept = words('您好，订单号E2024120188899的快递还没到吗？再不到我就打12315了');
    expect(kept).toContain('快递');
    expect(kept).toContain('12315');
    expect(kept).not.toContain('您好');
    expect(kept).not.toContain('吗');
    expect(kept.some((token) => token.includes('2024120188899'))).toBe(false);
  });
});

describe('cold-start keywords', () => {
  it('has hints for every type and sub-type of the five seed taxonomies', () => {
    for (const preset of TAXONOMY_PRESETS) {
      for (const type of preset.types) {
        expect(SEED_TYPE_KEYWORDS[type.key]?.words.length, type.key).toBeGreaterThan(0);
        for (const subtype of type.subtypes)
          expect(
            SEED_TYPE_KEYWORDS[type.key]?.subtypes?.[subtype.key],
            `${type.key}/${subtype.key}`,
          ).toBeDefined();
      }
    }
  });

  it('names the type a message speaks of in each seed taxonomy, and nothing for small talk', () => {
    const guess = (presetId: string, text: string) => {
      const suggestion = suggestFromKeywords(text, typesOf(presetId));
      return suggestion && [suggestion.type, suggestion.subtype];
    };
    expect(guess('multi-platform', '快递三天了还没发货')).toEqual(['problem', 'logistics']);
    expect(guess('response-process', '我们想把套餐升级到企业版')).toEqual(['change', 'plan']);
    expect(guess('online-service', '退款一直没到账')).toEqual(['aftersale', 'refund']);
    expect(guess('customer-communication', '我们公司想定制一批带logo的保温杯')).toEqual([
      'collaboration',
      'custom',
    ]);
    expect(guess('standard-scripts', '充电的时候冒烟了，紧急')).toEqual(['emergency', null]);
    expect(guess('multi-platform', '今天天气不错')).toBeNull();
    // A workspace's own type is found by its label.
    const custom: TicketType[] = [{ key: 'invoice', label: '发票', subtypes: [] }];
    expect(suggestFromKeywords('我要开发票', custom)).toMatchObject({ type: 'invoice', source: 'keywords' });
  });
});

/**
 * The app with the classification route. Until server/routing/routes.ts registers it, the test adds it itself
 * (with the deps the route uses).
 */

describe('the classifier in a workspace', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    app = await buildTestApp();
  });

  const suggest = async (workspaceId: string, texts: string[]) =>
    suggestTypes(db, {
      workspaceId,
      types: defaultTypes,
      documents: texts.map((text) => ({ text, tokens: indexTokens(text) })),
    });

  it('answers from keywords before it has learnt anything', async () => {
    const workspace = await buildWorkspace();
    const [complaint, smallTalk] = await suggest(workspace.id, [
      '我要投诉，你们客服态度太差了',
      '今天天气不错',
    ]);
    expect(complaint).toMatchObject({ type: 'complaint', subtype: 'attitude', source: 'keywords' });
    expect(smallTalk).toBeNull();
  });

  it("learns the agents' confirmations, and a correction moves later suggestions", async () => {
    const workspace = await buildWorkspace();
    const client = await login(app, await buildUser(workspace));
    const products = [
      '扫地机器人',
      '蓝牙耳机',
      '空气炸锅',
      '电动牙刷',
      '智能手表',
      '羽绒服',
      '运动鞋',
      '路由器',
      '净水器',
      '台灯',
    ];
    const lessons = products.flatMap((product, index) => [
      // At first the agents file late deliveries as a stock question…
      {
        subject: `${product}下单${index + 2}天了还没发货，物流信息也查不到`,
        type: 'consult',
        subtype: 'stock',
      },
      {
        subject: `问${product}的事情，客服爱答不理，说话很不耐烦，这什么服务态度`,
        type: 'complaint',
        subtype: 'attitude',
      },
      { subject: `${product}现在有什么优惠活动吗，能用满减券吗`, type: 'consult', subtype: 'promotion' },
    ]);
    // Only the words matter here: the tickets are inserted as they are, the lessons taught as the route teaches.
    const tickets = await db
      .insertInto('tickets')
      .values(
        lessons.map((lesson, index) => ({
          workspace_id: workspace.id,
          number: `CLS${index}`,
          subject: lesson.subject,
          channel: 'web_chat',
        })),
      )
      .returning(['id', 'subject'])
      .execute();
    await db.transaction().execute(async (tx) => {
      for (const [index, ticket] of tickets.entries()) {
        const { type, subtype } = lessons[index] as (typeof lessons)[number];
        const tokens = indexTokens(ticket.subject);
        await learnTicketType(tx, { workspaceId: workspace.id, ticketId: ticket.id, type, subtype, tokens });
      }
    });
    const newMessages = ['订单五天了还没发货，物流也不动', '客服态度太差了，爱答不理'];
    const before = await suggest(workspace.id, newMessages);
    expect(before[0]).toMatchObject({ type: 'consult', subtype: 'stock', source: 'classifier' });
    expect(before[1]).toMatchObject({ type: 'complaint', subtype: 'attitude', source: 'classifier' });
    expect(before[1]?.confidence).toBeGreaterThan(0.8);

    // …then correct them through the ticket page: the lessons are taken back and taught again.
    const late = tickets.filter((_, index) => lessons[index]?.subtype === 'stock');
    for (const ticket of late) {
      const response = await client.post(`/api/v1/tickets/${ticket.id}/classification`, {
        type: 'problem',
        subtype: 'logistics',
      });
      expect(response.statusCode).toBe(200);
    }
    const [after] = await suggest(workspace.id, newMessages);
    expect(after).toMatchObject({ type: 'problem', subtype: 'logistics', source: 'classifier' });
    expect(after?.confidence).toBeGreaterThan(0.8);
    const labels = await db
      .selectFrom('classifier_labels')
      .select(['label', 'documents'])
      .where('workspace_id', '=', workspace.id)
      .orderBy('label')
      .execute();
    expect(labels).toEqual([
      { label: 'complaint/attitude', documents: 10 },
      { label: 'consult/promotion', documents: 10 },
      { label: 'problem/logistics', documents: 10 },
    ]);
  });

  it("records whether the agent confirmed or corrected the suggestion, and the ticket's new version", async () => {
    const agent = await buildUser(await buildWorkspace());
    const client = await login(app, agent);
    const suggested = async (subject: string, suggestion: Omit<TypeSuggestion, 'accepted'>) => {
      const ticket = await buildTicket(agent, { subject });
      await db
        .updateTable('tickets')
        .set({ type_suggestion: JSON.stringify({ ...suggestion, accepted: null }) })
        .where('id', '=', ticket.id)
        .execute();
      return ticket;
    };
    const angry = await suggested('客服态度太差', {
      type: 'complaint',
      subtype: 'attitude',
      confidence: 0.67,
      source: 'keywords',
    });
    const late = await suggested('快递怎么还没到', {
      type: 'consult',
      subtype: null,
      confidence: 0.55,
      source: 'classifier',
    });

    const confirmed = await client.post(`/api/v1/tickets/${angry.id}/classification`, {
      type: 'complaint',
      subtype: 'attitude',
      version: angry.version,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      type: 'complaint',
      subtype: 'attitude',
      version: angry.version + 1,
    });
    expect(confirmed.json().timeline.at(-1)).toMatchObject({
      kind: 'classification_confirmed',
      data: { suggestion: { type: 'complaint', subtype: 'attitude', source: 'keywords' } },
    });

    const corrected = await client.post(`/api/v1/tickets/${late.id}/classification`, {
      type: 'problem',
      subtype: 'logistics',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().timeline.at(-1)).toMatchObject({
      kind: 'classification_corrected',
      data: { from: { type: null, subtype: null }, to: { type: 'problem', subtype: 'logistics' } },
    });
    const verdicts = await db
      .selectFrom('tickets')
      .select(['id', 'type_suggestion'])
      .where('id', 'in', [angry.id, late.id])
      .execute();
    expect(new Map(verdicts.map((row) => [row.id, row.type_suggestion?.accepted]))).toEqual(
      new Map([
        [angry.id, true],
        [late.id, false],
      ]),
    );

    const stale = await client.post(`/api/v1/tickets/${angry.id}/classification`, {
      type: 'complaint',
      subtype: null,
      version: angry.version,
    });
    expect(stale.statusCode).toBe(409);
    const unknown = await client.post(`/api/v1/tickets/${angry.id}/classification`, {
      type: 'complaint',
      subtype: 'weather',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('unknown_subtype');
  });

  it("forgets an erased customer's words: nothing they wrote stays in the model's counts", async () => {
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { name: '欧阳娜娜' });
    const ticket = await buildTicket(team.agent, {
      subject: '欧阳娜娜反馈：扫地机器人充不进电',
      customerId: customer.id,
    });
    await db.transaction().execute((tx) =>
      learnTicketType(tx, {
        workspaceId: team.workspace.id,
        ticketId: ticket.id,
        type: 'problem',
        subtype: 'malfunction',
        tokens: indexTokens(ticket.subject),
      }),
    );
    const learnt = () =>
      db
        .selectFrom('classifier_tokens')
        .select('token')
        .where('workspace_id', '=', team.workspace.id)
        .execute()
        .then((rows) => rows.map((row) => row.token));
    expect((await learnt()).some((token) => '欧阳娜娜'.includes(token) && token.length > 1)).toBe(true);
    const admin = await login(app, team.admin);
    const erased = await admin.post(`/api/v1/customers/${customer.id}/erasure`, {
      confirmNumber: customer.number,
    });
    expect(erased.statusCode).toBe(200);
    expect(await learnt()).toEqual([]);
    const labels = await db
      .selectFrom('classifier_labels')
      .select('label')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(labels).toEqual([]);
  });
});
