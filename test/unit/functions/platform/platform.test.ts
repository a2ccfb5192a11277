import { closePlatform, perEnvironment } from '../../../../functions/platform/platform';

afterEach(() => closePlatform());

describe('perEnvironment', () => {
  it('builds nothing until asked, then once: every later call shares the first build', () => {
    const create = jest.fn(() => ({ id: Math.random() }));
    const get = perEnvironment(create);
    expect(create).not.toHaveBeenCalled();
    const first = get();
    expect(get()).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('does not remember a build that threw: the next call tries again', () => {
    let attempts = 0;
    const get = perEnvironment(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('missing ORDER_TOPIC');
      return 'built';
    });
    expect(() => get()).toThrow('missing ORDER_TOPIC');
    expect(get()).toBe('built');
  });
});

describe('closePlatform', () => {
  it('closes everything built, and only that', async () => {
    const closed: string[] = [];
    const dynamo = perEnvironment(
      () => 'dynamo',
      (v) => void closed.push(v),
    );
    const eventLog = perEnvironment(
      () => 'eventLog',
      (v) => Promise.resolve().then(() => void closed.push(v)),
    );
    perEnvironment(
      () => 'deadLetters',
      (v) => void closed.push(v),
    ); // never asked for
    dynamo();
    eventLog();
    await closePlatform();
    expect(closed.sort()).toEqual(['dynamo', 'eventLog']);
  });

  it('forgets what it closed, so the next call builds afresh (a second local runtime start)', async () => {
    const close = jest.fn();
    let builds = 0;
    const get = perEnvironment(() => (builds += 1), close);
    get();
    await closePlatform();
    expect(get()).toBe(2);
    expect(close).toHaveBeenCalledWith(1);
    await closePlatform();
    expect(close).toHaveBeenCalledWith(2);
  });

  it('closes the others when one close fails', async () => {
    const close = jest.fn();
    perEnvironment(
      () => 'a',
      () => Promise.reject(new Error('broker gone')),
    )();
    perEnvironment(() => 'b', close)();
    await expect(closePlatform()).resolves.toBeUndefined();
    expect(close).toHaveBeenCalledWith('b');
  });
});
