import { describe, expect, it } from 'vitest';
import { analysisOf } from './analysis-of.js';

/** A singleton instance of `Stats`, whose `record` method an Express handler calls per request. */
function singleton(method: string, fields = ''): string {
  return `
import express from 'express';
class Stats {
  ${fields}
  record(value) {
    ${method}
  }
}
const stats = new Stats();
const app = express();
app.post('/hit', (req, res) => { stats.record(1); res.end(); });
`;
}

function fieldKinds(code: string): string[] {
  return analysisOf(code).instanceState.map((finding) => `${finding.field}:${finding.kind}`);
}

describe('one place model: fields and bindings are written the same ways', () => {
  it('sees a destructuring assignment to fields as it sees two statements', () => {
    // `last` is returned: a clock stamp that answers (one only printed would be a stopwatch's, no state).
    expect(fieldKinds(singleton('[this.total, this.last] = [this.total + 1, Date.now()]; return this.last;', 'total = 0; last = 0;')).sort()).toEqual(['last:value', 'total:counter']);
    expect(fieldKinds(singleton('this.total = this.total + 1; this.last = Date.now(); return this.last;', 'total = 0; last = 0;')).sort()).toEqual(['last:value', 'total:counter']);
  });

  it('judges each target of a destructuring assignment of bindings by its own part of the value', () => {
    const code = `
import express from 'express';
let total = 0;
let last = 0;
const app = express();
app.post('/hit', (req, res) => { [total, last] = [total + 1, Date.now()]; res.end(); });
`;
    expect(analysisOf(code).moduleState.map((finding) => `${finding.name}:${finding.kind}`)).toEqual(['total:counter', 'last:value']);
  });

  it('follows a local alias of a field, as it does of a binding', () => {
    expect(fieldKinds(singleton('const items = this.items; items.push(value);', 'items = [];'))).toEqual(['items:collection']);
  });

  it('knows the same writes through Object and Reflect for fields', () => {
    expect(fieldKinds(singleton("Object.defineProperties(this.meta, { at: { value: value } }); Reflect.set(this.flags, 'x', value);", 'meta = {}; flags = {};'))).toEqual([
      'meta:object',
      'flags:object',
    ]);
  });

  it('treats WeakMap entries as no state and a ReadonlyArray as a collection, for fields and bindings alike', () => {
    expect(fieldKinds(singleton('this.seen.set(value, true);', 'seen = new WeakMap();'))).toEqual([]);
    expect(fieldKinds(singleton('this.items = [...this.items, value];', 'items: ReadonlyArray<number> = [];'))).toEqual(['items:collection']);
    const binding = `
import express from 'express';
let items: ReadonlyArray<number> = [];
const app = express();
app.post('/hit', (req, res) => { items = [...items, 1]; res.end(); });
`;
    expect(analysisOf(binding).moduleState.map((finding) => `${finding.name}:${finding.kind}`)).toEqual(['items:collection']);
  });
});

describe('elements of a collection, reached through a local', () => {
  function moduleKinds(handlerBody: string, declarations = 'const sessions = [];'): string[] {
    return analysisOf(`
import express from 'express';
${declarations}
const app = express();
app.post('/a', (req, res) => { ${handlerBody} res.end(); });
`).moduleState.map((finding) => `${finding.name}:${finding.kind}`);
  }

  it('follows a for…of element of a module array into a member write', () => {
    expect(moduleKinds('for (const s of sessions) { if (s.id === req.body.id) s.user = req.user; }')).toEqual(['sessions:collection']);
  });

  it('follows an element found with find, findLast or at; one the request picks is an entry per request key', () => {
    expect(moduleKinds('const s = sessions.find((x) => x.id === req.body.id); s.seen = Date.now();')).toEqual(['sessions:keyed-map']);
    expect(moduleKinds('const s = sessions.findLast((x) => x.open); s.closedBy = req.user.id;')).toEqual(['sessions:collection']);
    expect(moduleKinds('const s = sessions.at(-1); s.count++;')).toEqual(['sessions:counter']);
  });

  it('follows the elements of a set, and of an array inside an object', () => {
    expect(moduleKinds('for (const job of jobs) job.cancelled = true;', 'const jobs = new Set();')).toEqual(['jobs:collection']);
    expect(moduleKinds('for (const u of state.users) u.online = false;', 'const state = { users: [] };')).toEqual(['state:object']);
  });

  it('leaves alone reads of elements and elements of a copy', () => {
    expect(moduleKinds('for (const s of sessions) res.write(s.id);')).toEqual([]);
    expect(moduleKinds('for (const s of [...sessions]) s.tmp = 1;')).toEqual([]);
    expect(moduleKinds('const n = sessions.find((x) => x.id === req.body.id); const copy = { ...n }; copy.seen = 1;')).toEqual([]);
  });

  it('does not take a reassigned loop local for the element', () => {
    expect(moduleKinds('for (let s of sessions) { s = { ...s }; s.seen = 1; }')).toEqual([]);
  });
});
