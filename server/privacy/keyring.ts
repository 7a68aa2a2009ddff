import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';
import { open, seal } from './envelope';
import type { MasterKeys } from './master-key';

const wrapContext = (workspaceId: string, dataKeyId: string) =>
  `kefu:workspace:${workspaceId}:data-key:${dataKeyId}`;
const ACTIVE_KEY_TTL_MS = 30_000;
const valueContext = (workspaceId: string) => `kefu:workspace:${workspaceId}:personal-data`;

/**
 * Envelope encryption of personal data: each workspace has its own data key (AES-256), stored wrapped by the master
 * key. A ciphertext names its data key (`<key id>:<sealed>`) and is bound to its workspace, so a value copied into
 * another workspace does not decrypt. Unwrapped keys are cached in memory for the life of the process.
 */
export class Keyring {
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly lookupKeys = new Map<string, Buffer>();
  private readonly purposeKeys = new Map<string, Buffer>();
  private readonly activeKeyIds = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly masters: MasterKeys,
  ) {}

  async encrypt(workspaceId: string, plaintext: string): Promise<string> {
    const { id, key } = await this.activeDataKey(workspaceId);
    return `${id}:${seal(key, Buffer.from(plaintext, 'utf8'), valueContext(workspaceId))}`;
  }

  async decrypt(workspaceId: string, value: string): Promise<string> {
    const separator = value.indexOf(':');
    const key = await this.dataKey(workspaceId, value.slice(0, separator));
    return open(key, value.slice(separator + 1), valueContext(workspaceId)).toString('utf8');
  }

  /**
   * The key of the workspace's keyed hashes (exact lookups of a phone or e-mail without storing it). Derived from
   * the workspace's first data key, which is never deleted, so hashes stay comparable across data-key rotations.
   */
  async lookupKey(workspaceId: string): Promise<Buffer> {
    const cached = this.lookupKeys.get(workspaceId);
    if (cached) return cached;
    let first = await this.firstDataKeyId(workspaceId);
    if (!first) first = (await this.activeDataKey(workspaceId)).id;
    const dataKey = await this.dataKey(workspaceId, first);
    const key = Buffer.from(
      hkdfSync('sha256', dataKey, Buffer.alloc(0), `kefu:workspace:${workspaceId}:lookup`, 32),
    );
    this.lookupKeys.set(workspaceId, key);
    return key;
  }

  /**
   * A key of its own for one use of the lookup key (signing a kind of token): derived, so nothing more is kept on
   * disk, and a MAC made for one purpose is never valid for another.
   */
  async purposeKey(workspaceId: string, purpose: string): Promise<Buffer> {
    const id = `${workspaceId}\u0000${purpose}`;
    const cached = this.purposeKeys.get(id);
    if (cached) return cached;
    const key = Buffer.from(
      hkdfSync('sha256', await this.lookupKey(workspaceId), Buffer.alloc(0), purpose, 32),
    );
    this.purposeKeys.set(id, key);
    return key;
  }

  private async firstDataKeyId(workspaceId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('workspace_data_keys')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Re-wraps every data key still wrapped by a previous master key; run at start, so rotation needs no downtime. */
  async rewrapDataKeys(options: { workspaceId?: string } = {}): Promise<number> {
    let query = this.db
      .selectFrom('workspace_data_keys')
      .selectAll()
      .where('master_key_id', '!=', this.masters.currentId);
    if (options.workspaceId) query = query.where('workspace_id', '=', options.workspaceId);
    const stale = await query.execute();
    for (const row of stale) {
      const master = this.masters.byId.get(row.master_key_id);
      if (!master)
        throw new Error(
          `Data key ${row.id} is wrapped by an unknown master key ${row.master_key_id}; add it to KEFU_PREVIOUS_MASTER_KEYS`,
        );
      const key = open(master, row.wrapped_key, wrapContext(row.workspace_id, row.id));
      await this.db
        .updateTable('workspace_data_keys')
        .set({
          wrapped_key: seal(this.masters.current, key, wrapContext(row.workspace_id, row.id)),
          master_key_id: this.masters.currentId,
        })
        .where('id', '=', row.id)
        .where('workspace_id', '=', row.workspace_id)
        .where('master_key_id', '=', row.master_key_id)
        .execute();
    }
    return stale.length;
  }

  /** Starts a new data key for a workspace; older ones stay for decrypting what they encrypted. */
  async rotateDataKey(workspaceId: string): Promise<string> {
    this.activeKeyIds.delete(workspaceId);
    await this.db
      .updateTable('workspace_data_keys')
      .set({ retired_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('retired_at', 'is', null)
      .execute();
    return (await this.createDataKey(workspaceId)).id;
  }

  // Which data key is active is looked up at most every ACTIVE_KEY_TTL_MS per workspace: intake seals every span
  // with it. A rotation on another node is picked up within that time; until then the retired key still works.
  private async activeDataKey(workspaceId: string): Promise<{ id: string; key: Buffer }> {
    const cached = this.activeKeyIds.get(workspaceId);
    if (cached && performance.now() - cached.at < ACTIVE_KEY_TTL_MS)
      return { id: cached.id, key: await this.dataKey(workspaceId, cached.id) };
    const active = await this.lookUpActiveDataKey(workspaceId);
    this.activeKeyIds.set(workspaceId, { id: active.id, at: performance.now() });
    return active;
  }

  private async lookUpActiveDataKey(workspaceId: string): Promise<{ id: string; key: Buffer }> {
    const row = await this.db
      .selectFrom('workspace_data_keys')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!row) return this.createDataKey(workspaceId, { onlyIfNone: true });
    return { id: row.id, key: await this.dataKey(workspaceId, row.id) };
  }

  // Serialised per workspace: two first messages arriving together must not each start a key, or the first
  // data key (and with it the lookup-hash key) would depend on which request asked first.
  private async createDataKey(
    workspaceId: string,
    options: { onlyIfNone?: boolean } = {},
  ): Promise<{ id: string; key: Buffer }> {
    const key = randomBytes(32);
    const id = randomUUID();
    const existing = await this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`kefu-data-key:${workspaceId}`}))`.execute(tx);
      if (options.onlyIfNone) {
        const active = await tx
          .selectFrom('workspace_data_keys')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('retired_at', 'is', null)
          .executeTakeFirst();
        if (active) return active.id;
      }
      await tx
        .insertInto('workspace_data_keys')
        .values({
          id,
          workspace_id: workspaceId,
          wrapped_key: seal(this.masters.current, key, wrapContext(workspaceId, id)),
          master_key_id: this.masters.currentId,
        })
        .execute();
      return undefined;
    });
    if (existing) return { id: existing, key: await this.dataKey(workspaceId, existing) };
    this.unwrapped.set(id, key);
    return { id, key };
  }

  private async dataKey(workspaceId: string, dataKeyId: string): Promise<Buffer> {
    const cached = this.unwrapped.get(dataKeyId);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('workspace_data_keys')
      .select(['wrapped_key', 'master_key_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', dataKeyId)
      .executeTakeFirst();
    if (!row) throw new Error('Unknown data key for this workspace');
    const master = this.masters.byId.get(row.master_key_id);
    if (!master) throw new Error(`Data key wrapped by an unknown master key ${row.master_key_id}`);
    const key = open(master, row.wrapped_key, wrapContext(workspaceId, dataKeyId));
    this.unwrapped.set(dataKeyId, key);
    return key;
  }
}
