/**
 * A memoised recursive question whose recursion depth does not follow the input.
 *
 * Analyses ask questions that lean on the same question about other nodes: the lifetime of a
 * function is that of its callers, a variable carries request data when the variable it is
 * initialised from does. Followed naively, a chain of a few thousand helpers or local variables
 * (generated code has them) nests as many calls and overflows the stack.
 *
 * Here a question asked more than `maxDepth` levels down is not answered in place: the chain is
 * unwound, that question is answered first from the top (and memoised), then the outer one is asked
 * again and finds it answered. Every question is answered once; the work thrown away is the at most
 * `maxDepth` questions unwound per deferral, and the stack never holds more than `maxDepth` nested
 * questions of one kind.
 *
 * A question asked again while it is being answered (a cycle) gets `cycle`, as before; so does one
 * that is already waiting to be answered from the top, which is how a cycle longer than `maxDepth`
 * shows itself.
 */
export class DeepMemo<Key, Value> {
  private readonly values = new Map<Key, Value>();
  private readonly active = new Set<Key>();
  /** Questions waiting to be answered from the top, innermost last. */
  private readonly pending: Key[] = [];
  private readonly pendingSet = new Set<Key>();
  private depth = 0;

  constructor(
    private readonly compute: (key: Key) => Value,
    private readonly cycle: Value,
    private readonly maxDepth = 100,
  ) {}

  get(key: Key): Value {
    if (this.values.has(key)) return this.values.get(key) as Value;
    if (this.active.has(key)) return this.cycle;
    if (this.depth === 0) return this.fromTop(key);
    if (this.depth >= this.maxDepth) {
      if (this.pendingSet.has(key)) return this.cycle;
      throw new Deeper(this, key);
    }
    return this.run(key);
  }

  private run(key: Key): Value {
    this.active.add(key);
    this.depth += 1;
    try {
      const value = this.compute(key);
      this.values.set(key, value);
      return value;
    } finally {
      this.depth -= 1;
      this.active.delete(key);
    }
  }

  private fromTop(key: Key): Value {
    const base = this.pending.length;
    this.pending.push(key);
    this.pendingSet.add(key);
    for (;;) {
      const next = this.pending.at(-1) as Key;
      try {
        const value = this.values.has(next) ? (this.values.get(next) as Value) : this.run(next);
        this.pending.pop();
        this.pendingSet.delete(next);
        if (this.pending.length === base) return value;
      } catch (error) {
        if (!(error instanceof Deeper) || error.memo !== this) {
          this.pending.length = base;
          this.pendingSet.clear();
          for (const waiting of this.pending) this.pendingSet.add(waiting);
          throw error;
        }
        this.pending.push(error.key as Key);
        this.pendingSet.add(error.key as Key);
      }
    }
  }
}

/** Thrown through the frames of a chain too deep to follow in place; caught by its own memo. */
class Deeper extends Error {
  constructor(
    readonly memo: object,
    readonly key: unknown,
  ) {
    super('question deferred');
  }
}
