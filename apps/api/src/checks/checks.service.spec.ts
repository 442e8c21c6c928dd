import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import type { MatchableRecord } from '@fair-recruit/matching';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { SafeguardsListService } from '../open-data/safeguards-list.service.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import { ChecksService } from './checks.service.js';

const DEBOUNCE_MS = 30;

const record = (status: MatchableRecord['status']): MatchableRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  jurisdiction: 'GB',
  registrationNumber: 'GB-REC-1',
  legalName: 'Brightwater Care Ltd',
  tradingNames: [],
  domains: ['brightwater-care.co.uk'],
  emailDomains: [],
  phones: [],
  status,
  authorizedFrom: '2020-01-01',
  authorizedUntil: null,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!condition() && Date.now() < deadline) await sleep(5);
  expect(condition()).toBe(true);
}

/** A service over a fake database whose `query` answers what the test gives it. */
function newService(query: () => Promise<MatchableRecord[]>) {
  const events = new RegistryEvents();
  const service = new ChecksService(
    { query } as unknown as DataSource,
    { current: () => Promise.resolve(SAFEGUARDS_LIST_2023) } as SafeguardsListService,
    events,
    { SNAPSHOT_DEBOUNCE_MS: DEBOUNCE_MS } as AppConfig,
  );
  service.onApplicationBootstrap();
  return { service, events };
}

function setUp() {
  const loads: ReturnType<typeof deferred<MatchableRecord[]>>[] = [];
  const query = jest.fn(() => {
    const load = deferred<MatchableRecord[]>();
    loads.push(load);
    return load.promise;
  });
  const { service, events } = newService(query);
  // The index is built on the first check; start that build as the first caller would.
  void service.check({ url: 'https://first-caller.example' }).catch(() => undefined);
  return { service, events, query, loads };
}

const ad = { url: 'https://brightwater-care.co.uk/jobs' };

describe(ChecksService.name, () => {
  // The failures below are meant; their log lines are not.
  beforeAll(() => Logger.overrideLogger(false));

  it('builds nothing, at start or on changes, until the first check asks', async () => {
    const query = jest.fn(() => Promise.resolve([record('authorized')]));
    const { service, events } = newService(query);
    events.changed('GB');
    await sleep(DEBOUNCE_MS * 3);
    expect(query).not.toHaveBeenCalled();
    expect((await service.check(ad)).verdict).toBe('authorized');
    expect(query).toHaveBeenCalledTimes(1);
    service.onModuleDestroy();
  });

  it('makes a check that arrives before the first build wait for it', async () => {
    const { service, loads } = setUp();
    let answered = false;
    const pending = service.check(ad).then((result) => {
      answered = true;
      return result;
    });
    await sleep(20);
    expect(answered).toBe(false);
    loads[0].resolve([record('authorized')]);
    expect((await pending).verdict).toBe('authorized');
    service.onModuleDestroy();
  });

  it('folds the changes of one window into one rebuild, and uses the new index after it', async () => {
    const { service, events, query, loads } = setUp();
    loads[0].resolve([record('authorized')]);
    expect((await service.check(ad)).verdict).toBe('authorized');

    for (let i = 0; i < 5; i++) events.changed('GB');
    expect(query).toHaveBeenCalledTimes(1);
    await until(() => query.mock.calls.length === 2);
    // The old index answers while the new one is read.
    expect((await service.check(ad)).verdict).toBe('authorized');
    loads[1].resolve([record('suspended')]);
    await sleep(DEBOUNCE_MS * 3);
    expect(query).toHaveBeenCalledTimes(2);
    expect((await service.check(ad)).verdict).toBe('not_authorized');
    service.onModuleDestroy();
  });

  it('builds once more when a change arrives while a build is reading', async () => {
    const { service, events, query, loads } = setUp();
    events.changed('GB');
    await sleep(DEBOUNCE_MS * 3);
    // The startup build is still reading: the change must not be lost.
    expect(query).toHaveBeenCalledTimes(1);
    loads[0].resolve([record('authorized')]);
    await until(() => query.mock.calls.length === 2);
    loads[1].resolve([record('revoked')]);
    await sleep(10);
    expect((await service.check(ad)).verdict).toBe('not_authorized');
    service.onModuleDestroy();
  });

  it('keeps the previous index when a rebuild fails', async () => {
    const { service, events, query, loads } = setUp();
    loads[0].resolve([record('authorized')]);
    expect((await service.check(ad)).verdict).toBe('authorized');
    events.changed('GB');
    await until(() => query.mock.calls.length === 2);
    loads[1].reject(new Error('connection lost'));
    await sleep(10);
    expect((await service.check(ad)).verdict).toBe('authorized');
    service.onModuleDestroy();
  });

  it('answers 503 when the registry cannot be loaded at all, and tries again on the next check', async () => {
    const { service, loads } = setUp();
    loads[0].reject(new Error('connection refused'));
    await expect(service.check(ad)).rejects.toMatchObject({ code: 'checks_unavailable' });
    const retry = service.check(ad);
    await until(() => loads.length === 2);
    loads[1].resolve([record('authorized')]);
    expect((await retry).verdict).toBe('authorized');
    service.onModuleDestroy();
  });

  it('stops listening when the module is destroyed', async () => {
    const { service, events, query, loads } = setUp();
    loads[0].resolve([]);
    await service.check(ad);
    service.onModuleDestroy();
    events.changed('GB');
    await sleep(DEBOUNCE_MS * 3);
    expect(query).toHaveBeenCalledTimes(1);
  });
});
