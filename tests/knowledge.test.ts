import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import noInMemorySession from '../rules/no-in-memory-session.js';
import noMemoryStore from '../rules/no-memory-store.js';
import { GENERIC_ADVICE, SAFE, STORE_KINDS, STORES, UNDETECTED, knowledgeFor, type StoreEntry } from '../src/knowledge/index.js';
import { ALTERNATIVES, FINDING_ADVICE, PLATFORM_ADVICE } from '../src/knowledge/advice.js';
import knownPackages from '../src/knowledge/known-packages.json' with { type: 'json' };
import { DATABASE_PACKAGES } from '../src/analysis/findings/local-files.js';
import { readSettings } from '../src/settings.js';

const KNOWN = new Set(Object.keys(knownPackages.packages));
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Package names a sentence names: a backticked name after "from", "through" or "in", one alone in parentheses, a
 * backticked scoped name, and backticked names joined to those by "and" or commas.
 */
function packagesNamedIn(text: string): string[] {
  const names = new Set<string>();
  const name = '`((?:@[a-z0-9][\\w.-]*/)?[a-z0-9][\\w.-]*)`';
  for (const match of text.matchAll(new RegExp(`(?:from|through|in) ${name}((?:(?:,| and| or) ${name})*)`, 'gu'))) {
    if (match[1] !== undefined) names.add(match[1]);
    for (const more of (match[2] ?? '').matchAll(new RegExp(name, 'gu'))) if (more[1] !== undefined) names.add(more[1]);
  }
  for (const match of text.matchAll(new RegExp(`\\(${name}(?:, ${name})*\\)`, 'gu'))) {
    for (const inner of match[0].matchAll(new RegExp(name, 'gu'))) if (inner[1] !== undefined) names.add(inner[1]);
  }
  for (const match of text.matchAll(/`(@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*)`/gu)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

function specifiers(entry: StoreEntry): readonly string[] {
  return entry.specifiers ?? [entry.package];
}

describe('known-packages.json', () => {
  it('records a version for every package', () => {
    for (const [name, version] of Object.entries(knownPackages.packages)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+/u);
    }
    expect(knownPackages.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  });
});

describe('the store table', () => {
  it('names only packages on the registry, for detection and for alternatives', () => {
    const unknown: string[] = [];
    for (const entry of STORES) {
      for (const specifier of specifiers(entry)) {
        const base = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
        if (!KNOWN.has(base) && !BUILTINS.has(specifier)) unknown.push(`${entry.package}: ${specifier}`);
      }
      for (const alternative of entry.alternatives) {
        for (const name of alternative.packages) if (!KNOWN.has(name)) unknown.push(`${entry.package} alternative: ${name}`);
      }
    }
    for (const entry of [...SAFE, ...UNDETECTED]) {
      if (!KNOWN.has(entry.package)) unknown.push(entry.package);
    }
    for (const entry of UNDETECTED) {
      for (const alternative of entry.alternatives) for (const name of alternative.packages) if (!KNOWN.has(name)) unknown.push(`${entry.package} alternative: ${name}`);
    }
    expect(unknown).toEqual([]);
  });

  it("names only registry packages (or modules of Node and Bun) among the local databases of no-local-files", () => {
    const unknown = DATABASE_PACKAGES.filter((specifier) => !KNOWN.has(specifier) && !BUILTINS.has(specifier) && !specifier.startsWith('node:') && !specifier.startsWith('bun:'));
    expect(unknown).toEqual([]);
    expect(DATABASE_PACKAGES).toContain('@prisma/adapter-better-sqlite3');
  });

  it('names only registry packages in the advice of every entry and every message', () => {
    const texts = [
      ...STORES.map((entry) => entry.advice),
      ...Object.values(GENERIC_ADVICE),
      ...Object.values(ALTERNATIVES),
      ...Object.values(FINDING_ADVICE),
      ...PLATFORM_ADVICE.flatMap((entry) => Object.values(entry.advice)),
      ...Object.values(noMemoryStore.meta.messages),
      ...Object.values(noInMemorySession.meta.messages),
    ];
    const named = texts.flatMap((text) => packagesNamedIn(text).map((name) => ({ name, text })));
    expect(named.length).toBeGreaterThan(STORES.length);
    expect(named.filter(({ name }) => !KNOWN.has(name))).toEqual([]);
  });

  it('reads package names out of a sentence', () => {
    expect(packagesNamedIn('Pass `store: new RedisStore({ client })` from `connect-redis`.')).toEqual(['connect-redis']);
    expect(packagesNamedIn('Share it: `new Keyv(x)` from `keyv` and `@keyv/redis`.').sort()).toEqual(['@keyv/redis', 'keyv']);
    expect(packagesNamedIn('Use Redis (`ioredis`) or Postgres (`pg`).').sort()).toEqual(['ioredis', 'pg']);
    expect(packagesNamedIn('Pass `storage` with an `encryptionKey`.')).toEqual([]);
  });

  it('gives every entry a why, an advice naming an alternative, and at least one alternative', () => {
    for (const entry of STORES) {
      expect(entry.why, entry.package).toMatch(/^[A-Z`].*\.$/u);
      expect(entry.advice, entry.package).toMatch(/^[A-Z].*\.$/u);
      expect(entry.alternatives.length, entry.package).toBeGreaterThan(0);
      expect(entry.shapes.length, entry.package).toBeGreaterThan(0);
      for (const shape of entry.shapes) expect(shape.exports.length, entry.package).toBeGreaterThan(0);
      if (entry.kind !== 'loader') expect(packagesNamedIn(entry.advice).length, `${entry.package}: ${entry.advice}`).toBeGreaterThan(0);
    }
  });

  it('offers a Redis alternative wherever one exists, first (a database first for file databases)', () => {
    for (const entry of STORES) {
      const redis = entry.alternatives.findIndex((alternative) => alternative.backend === 'redis');
      if (redis >= 0 && entry.kind !== 'loader' && entry.kind !== 'local-db') expect(redis, entry.package).toBe(0);
    }
  });

  it('lists each package once', () => {
    const names = STORES.map((entry) => entry.package);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps advice short enough for a second sentence', () => {
    for (const entry of STORES) expect(entry.advice.length, entry.package).toBeLessThanOrEqual(130);
  });

  it('does not suggest what the store notes rule out', () => {
    // Detected packages may be named (`@socket.io/cluster-adapter` is reported); only advice and alternatives are checked.
    const everything = JSON.stringify([STORES.map((entry) => [entry.advice, entry.alternatives]), UNDETECTED]);
    // 404 on the registry, and cluster-only stores that do not fix multi-host.
    for (const name of ['@socket.io/gcp-pubsub-adapter', '@socket.io/aws-sqs-adapter', '@express-rate-limit/cluster-memory-store', '@socket.io/cluster-adapter', 'cache-manager-redis-yet']) {
      expect(everything).not.toContain(name);
    }
    // keyv v5 takes an adapter instance; graphql-subscriptions v3 renamed asyncIterator.
    expect(everything).not.toMatch(/new Keyv\('redis:/u);
    expect(everything).not.toContain('asyncIterator(');
    expect(everything).not.toMatch(/connectRedis\(session\)/u);
  });

  it('covers the kinds of state named in the rules', () => {
    const covered = new Set(STORES.map((entry) => entry.kind));
    for (const kind of STORE_KINDS) if (kind !== 'upload-buffer') expect(covered.has(kind), kind).toBe(true);
  });
});

describe('safe packages', () => {
  it('are not in the store table unless a specific shape of them is stateful', () => {
    const stateful = new Map(STORES.map((entry) => [entry.package, entry]));
    for (const safe of SAFE) {
      const entry = stateful.get(safe.package);
      if (entry) expect(entry.verdict, safe.package).toBe('stateful-shape');
    }
  });
});

describe('settings.stateless.stores and allowPackages', () => {
  it('adds in-house stores to the table', () => {
    const result = readSettings({ stateless: { stores: [{ package: '@acme/cache', export: 'Cache.create', kind: 'cache', unlessOptions: ['redis'] }] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const table = knowledgeFor(result.settings);
    const entry = table.bySpecifier.get('@acme/cache')?.[0];
    expect(entry?.shapes[0]).toMatchObject({ form: 'either', exports: [['Cache', 'create']], when: [{ missing: ['redis'] }] });
    expect(entry?.advice).toBe(GENERIC_ADVICE.cache);
  });

  it('drops allowed packages from the table', () => {
    const result = readSettings({ stateless: { allowPackages: ['lru-cache'] } });
    expect(result.ok && knowledgeFor(result.settings).bySpecifier.has('lru-cache')).toBe(false);
    expect(knowledgeFor(undefined).bySpecifier.has('lru-cache')).toBe(true);
  });

  it('rejects malformed entries with a message naming the shape', () => {
    for (const stores of ['lru-cache', [{ kind: 'cache' }], [{ package: 'x', kind: 'memory' }], [{ package: 'x', kind: 'cache', form: 'construct' }], [{ package: 'x', kind: 'cache', extra: 1 }]]) {
      const result = readSettings({ stateless: { stores } });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^settings\.stateless\.stores must be an array of/u);
    }
    const allow = readSettings({ stateless: { allowPackages: [1] } });
    expect(allow.ok).toBe(false);
  });
});

describe('docs/stores.md', () => {
  const docs = path.resolve(import.meta.dirname, '..', 'docs');
  const stores = readFileSync(path.join(docs, 'stores.md'), 'utf8');
  const pages = ['stores.md', 'rules/no-in-memory-session.md', 'rules/no-memory-store.md'].map((file) => readFileSync(path.join(docs, file), 'utf8'));

  it('has a recipe for every package of the table', () => {
    const names = [...STORES.map((entry) => entry.package), ...STORES.flatMap((entry) => entry.alternatives.flatMap((alternative) => alternative.packages)), ...UNDETECTED.map((entry) => entry.package)];
    expect([...new Set(names)].filter((name) => name !== 'events' && !stores.includes(`\`${name}\``))).toEqual([]);
  });

  it('names only registry packages among its scoped names and its imports', () => {
    const named = new Set<string>();
    for (const page of pages) {
      for (const match of page.matchAll(/`(@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*)`/gu)) if (match[1] !== undefined) named.add(match[1]);
      for (const match of page.matchAll(/(?:from|require\()\s*'([@a-z][^']*)'/gu)) {
        const specifier = match[1] ?? '';
        named.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
      }
    }
    // Frameworks and clients the examples import beside the stores.
    const frameworks = new Set(['express', 'fastify', 'koa', 'hono', 'elysia', 'next', 'cloudinary', '@fastify/cookie', '@nestjs/common', '@nestjs/core', '@apollo/server', 'passport-jwt']);
    expect([...named].filter((name) => !KNOWN.has(name) && !BUILTINS.has(name) && !frameworks.has(name)).sort()).toEqual([]);
  });
});
