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

/** `PackedStrings`' fields, as structured clone and a snapshot's columns give them. */
export interface PackedText {
  text: string;
  ends: Int32Array;
}

/** A list per record: record i's values are `values` from `ends[i - 1]` (0 for i = 0) to `ends[i]`. */
export interface PackedLists {
  values: PackedText;
  ends: Int32Array;
}

/**
 * What `buildIndex` reads of records kept as columns (a snapshot read in format 2, or entries as
 * an extension keeps them), so that it hashes keys straight from the packed text without a string
 * or an array per record. Record i of the columns is `records[i]` of the call.
 */
export interface RecordColumns {
  count: number;
  registrationNumber: PackedText;
  normalizedNames: PackedLists;
  domains: PackedLists;
  /** 1 where record i's e-mail domains are its web domains: `emailDomains` has none for it. */
  emailSameAsDomains: Uint8Array;
  emailDomains: PackedLists;
  phones: PackedLists;
}

/** Strings picked by position from one of two columns: `sources[i]`, or `-1 - sources[i]`. */
export class SelectedStrings implements StringColumn {
  constructor(
    private readonly sources: Int32Array,
    private readonly first: StringColumn,
    private readonly second: StringColumn,
  ) {}

  get length(): number {
    return this.sources.length;
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.sources.length)) return undefined;
    const source = this.sources[index];
    return source >= 0 ? this.first.at(source) : this.second.at(-1 - source);
  }
}
