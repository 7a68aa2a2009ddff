import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb } from '@server/test/context';
import { buildWorkspace } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring';
import { loadMasterKeys, MasterKeyError } from './master-key';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-keys-'));
const keyFrom = (bytes: Buffer) => ({ masterKey: bytes.toString('base64'), dataDir: tmpDir() });

describe('encryption of personal data', () => {
  it('round-trips a value; neither the value nor the data key is stored in the clear', async () => {
    const workspace = await buildWorkspace();
    const keyring = new Keyring(testDb(), loadMasterKeys(keyFrom(randomBytes(32))));
    const sealed = await keyring.encrypt(workspace.id, '11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(await keyring.decrypt(workspace.id, sealed)).toBe('11010519491231002X');
    const stored = await testDb()
      .selectFrom('workspace_data_keys')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.wrapped_key).toMatch(/^v1\./);
  });

  it('binds a value to its workspace: copied elsewhere it does not decrypt', async () => {
    const [a, b] = [await buildWorkspace(), await buildWorkspace()];
    const keyring = new Keyring(testDb(), loadMasterKeys(keyFrom(randomBytes(32))));
    const sealed = await keyring.encrypt(a.id, '13812345678');
    await expect(keyring.decrypt(b.id, sealed)).rejects.toThrow();
  });

  it('rotates the master key without downtime: data keys are re-wrapped and old values still decrypt', async () => {
    const workspace = await buildWorkspace();
    const [oldMaster, newMaster] = [randomBytes(32), randomBytes(32)];
    const sealed = await new Keyring(testDb(), loadMasterKeys(keyFrom(oldMaster))).encrypt(
      workspace.id,
      '6228480402564890018',
    );

    const during = new Keyring(
      testDb(),
      loadMasterKeys({ ...keyFrom(newMaster), previousMasterKeys: [oldMaster.toString('base64')] }),
    );
    expect(await during.decrypt(workspace.id, sealed)).toBe('6228480402564890018');
    expect(await during.rewrapDataKeys({ workspaceId: workspace.id })).toBe(1);

    const after = new Keyring(testDb(), loadMasterKeys(keyFrom(newMaster)));
    expect(await after.decrypt(workspace.id, sealed)).toBe('6228480402564890018');
    const withoutRotation = new Keyring(testDb(), loadMasterKeys(keyFrom(randomBytes(32))));
    await expect(withoutRotation.decrypt(workspace.id, sealed)).rejects.toThrow();
  });

  it('rotates a workspace data key: new values use the new key, old ones still decrypt', async () => {
    const workspace = await buildWorkspace();
    const keyring = new Keyring(testDb(), loadMasterKeys(keyFrom(randomBytes(32))));
    const before = await keyring.encrypt(workspace.id, 'zhang@example.cn');
    const newKeyId = await keyring.rotateDataKey(workspace.id);
    const afterValue = await keyring.encrypt(workspace.id, 'zhang@example.cn');
    expect(afterValue.startsWith(`${newKeyId}:`)).toBe(true);
    expect(before.startsWith(`${newKeyId}:`)).toBe(false);
    expect(await keyring.decrypt(workspace.id, before)).toBe('zhang@example.cn');
  });

  it('creates the key file once with mode 0600 and refuses a malformed KEFU_MASTER_KEY', () => {
    const dataDir = tmpDir();
    const first = loadMasterKeys({ dataDir });
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(loadMasterKeys({ dataDir }).currentId).toBe(first.currentId);
    expect(() => loadMasterKeys({ dataDir, masterKey: 'too-short' })).toThrow(MasterKeyError);
  });
});
