/**
 * Values by position: an array, or anything that reads them when asked, as `PackedStrings` does.
 * A restored index reads its keys and names from columns without making a string per key first.
 */
export interface Column<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export type StringColumn = Column<string>;

/** Strings packed in one: what a stored index keeps, and what structured clone copies at once. */
export class PackedStrings implements StringColumn {
  constructor(
    readonly text: string,
    /** Where each string ends in `text`; string i starts where string i - 1 ends. */
    readonly ends: Int32Array,
  ) {
    if (ends.length > 0 && ends[ends.length - 1] !== text.length) {
      throw new Error('packed strings do not line up');
    }
  }

  static of(values: StringColumn): PackedStrings {
    const ends = new Int32Array(values.length);
    const parts: string[] = [];
    let end = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values.at(i) ?? '';
      parts.push(value);
      end += value.length;
      ends[i] = end;
    }
    return new PackedStrings(parts.join(''), ends);
  }

  get length(): number {
    return this.ends.length;
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.ends.length)) return undefined;
    return this.text.slice(index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }
}

/** Not `instanceof`: a typed array read back from storage may come from another realm. */
export function isInt32Array(value: unknown): value is Int32Array {
  return Object.prototype.toString.call(value) === '[object Int32Array]';
}
