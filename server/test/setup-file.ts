import { afterAll } from 'vitest';
import { closeTestDb } from './context';

afterAll(async () => {
  await closeTestDb();
});
