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

describe('WeChat subscribe-message settings', () => {
  it('reads the template keys, and refuses keys that are not three template fields', () => {
    expect(loadConfig({}).wechatSubscribe).toEqual({
      templateId: undefined,
      fields: { title: 'thing1', body: 'thing2', time: 'time3' },
      page: 'pages/messages/index',
      miniprogramState: 'formal',
    });
    expect(loadConfig({ WECHAT_SUBSCRIBE_FIELDS: 'thing4, thing7 ,time2' }).wechatSubscribe.fields).toEqual({
      title: 'thing4',
      body: 'thing7',
      time: 'time2',
    });
    for (const bad of ['thing1,thing2', 'thing1,thing2,time3,thing4', 'thing1,thing 2,time3']) {
      expect(() => loadConfig({ WECHAT_SUBSCRIBE_FIELDS: bad })).toThrow('WECHAT_SUBSCRIBE_FIELDS');
    }
  });
});
