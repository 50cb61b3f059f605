import { loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('takes the PostgreSQL pool size per instance, 10 unless set', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
  });

  it('refuses a pool size that is not a whole number of at least 1, naming the variable', () => {
    for (const bad of ['0', '-3', '2.5', 'many'])
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad })).toThrow('DATABASE_POOL_SIZE');
  });
});
