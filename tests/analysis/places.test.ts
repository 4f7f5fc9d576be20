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
    expect(fieldKinds(singleton('[this.total, this.last] = [this.total + 1, Date.now()];', 'total = 0; last = 0;'))).toEqual(['total:counter', 'last:value']);
    expect(fieldKinds(singleton('this.total = this.total + 1; this.last = Date.now();', 'total = 0; last = 0;'))).toEqual(['total:counter', 'last:value']);
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
