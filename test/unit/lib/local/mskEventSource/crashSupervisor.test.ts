import { EventEmitter } from 'node:events';
import {
  superviseCrashes,
  type SupervisedConsumer,
} from '../../../../../lib/local/mskEventSource/crashSupervisor';

const events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' } as const;

function supervised(options: { stopping?: () => boolean; rerunFails?: boolean } = {}) {
  const emitter = new EventEmitter();
  const consumer = Object.assign(emitter, { events }) as unknown as SupervisedConsumer;
  const reruns: number[] = [];
  const log: object[] = [];
  superviseCrashes({
    consumer,
    rerun: () => {
      reruns.push(Date.now());
      return options.rerunFails ? Promise.reject(new Error('connect refused')) : Promise.resolve();
    },
    isStopping: options.stopping ?? (() => false),
    log: (entry) => log.push(entry),
    backoffMs: (attempt) => attempt * 100,
  });
  const crash = (restart: boolean) => emitter.emit(events.CRASH, { payload: { restart } });
  const join = () => emitter.emit(events.GROUP_JOIN, { payload: {} });
  return { crash, join, reruns, log };
}

describe('superviseCrashes', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('runs the consumer again after a crash kafkajs will not restart from', () => {
    const { crash, reruns } = supervised();
    crash(false);
    jest.advanceTimersByTime(99);
    expect(reruns).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(reruns).toEqual([100]);
  });

  it('leaves crashes kafkajs restarts itself alone', () => {
    const { crash, reruns } = supervised();
    crash(true);
    jest.advanceTimersByTime(10_000);
    expect(reruns).toEqual([]);
  });

  it('backs off on consecutive crashes and starts over after the group is joined again', () => {
    const { crash, join, reruns } = supervised();
    crash(false);
    jest.advanceTimersByTime(100);
    crash(false);
    jest.advanceTimersByTime(200);
    join();
    crash(false);
    jest.advanceTimersByTime(100);
    expect(reruns).toEqual([100, 300, 400]);
  });

  it('does not run a consumer that is stopping, even when the crash came before the stop', () => {
    let stopping = false;
    const { crash, reruns } = supervised({ stopping: () => stopping });
    crash(false);
    stopping = true;
    crash(false);
    jest.advanceTimersByTime(10_000);
    expect(reruns).toEqual([]);
  });

  it('logs a rerun that fails instead of throwing', async () => {
    const { crash, log } = supervised({ rerunFails: true });
    crash(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(log).toEqual([
      { outcome: 'consumer-rerun-scheduled', attempt: 1, delayMs: 100 },
      { outcome: 'consumer-rerun-failed', error: 'Error: connect refused' },
    ]);
  });
});
