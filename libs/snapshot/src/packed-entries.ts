import {
  PackedStrings,
  type PackedLists,
  type PackedText,
  type StringColumn,
} from '@fair-recruit/matching';
import type { SnapshotEntry } from './snapshot.types.js';
import { defaultEntryId } from './wire.js';

// Entries kept as columns: one packed string per text field and typed arrays. It is how the
// extension's worker keeps a snapshot in IndexedDB (structured clone reads it back at memory
// speed), and what a snapshot in format 2 is read into (`packed-wire.ts`), so that neither a
// download nor a restart makes a string per entry: an entry is a view (`PackedEntry`) that slices
// its fields out when they are read, and the matcher indexes the columns themselves
// (`buildIndex(entries, packed)`) or restores its kept index beside them (`restoreIndex`). The
// extension's previous form, one JSON string with an array per field (its `stored-entries.ts`),
// cost a `JSON.parse` of every value, then the index build.

/** Strings by position: `PackedStrings`' fields, as structured clone keeps them. */
type Strings = PackedText;

/** A list per entry: entry i's values are `values` from `ends[i - 1]` to `ends[i]`. */
type Lists = PackedLists;

/**
 * Repeated values once: entry i's value is `values[codes[i] - 1]`, none for 0, in the smallest
 * array that holds the codes (most fields have a few or a few hundred values: one or two bytes an
 * entry instead of four). The extension's kept form 2 (`PackedEntriesV2`) had `values[codes[i]]`,
 * none for -1, in an Int32Array.
 */
export interface Codes {
  values: string[];
  codes: Uint8Array | Uint16Array | Int32Array;
}

export interface PackedEntries {
  /**
   * The form, not the snapshot's format: 3 since ids are kept only where they are not the default
   * (`otherIds`); 2 is still read.
   */
  format: 3;
  count: number;
  /**
   * The ids that are not `defaultEntryId(jurisdiction, registrationNumber)`: those are made when
   * asked, since the API gives every entry that id (and a restart reads 1.9 MB less per 100,000).
   */
  otherIds: { at: Int32Array; ids: Strings };
  registrationNumber: Strings;
  legalName: Strings;
  tradingNames: Lists;
  normalizedNames: Lists;
  domains: Lists;
  /** 1 where an entry's e-mail domains are its web domains (most): `emailDomains` is empty there. */
  emailSameAsDomains: Uint8Array;
  emailDomains: Lists;
  phones: Lists;
  jurisdiction: Codes;
  kind: Codes;
  status: Codes;
  authorizedFrom: Codes;
  authorizedUntil: Codes;
  statusChangedAt: Codes;
  statusReason: Codes;
}

/**
 * How the extension's previous version packed entries (its kept form 2, unrelated to the snapshot's
 * format 2): every id kept. Read, and kept again as form 3.
 */
export type PackedEntriesV2 = Omit<PackedEntries, 'format' | 'otherIds'> & {
  format: 2;
  id: Strings;
};

const NONE = Object.freeze([]) as unknown as string[];

function strings(values: StringColumn): Strings {
  const { text, ends } = PackedStrings.of(values);
  return { text, ends };
}

function lists(of: readonly (readonly string[])[]): Lists {
  const ends = new Int32Array(of.length);
  const values: string[] = [];
  for (let i = 0; i < of.length; i++) {
    for (const value of of[i]) values.push(value);
    ends[i] = values.length;
  }
  return { values: strings(values), ends };
}

function codes(values: readonly (string | null)[]): Codes {
  const distinct: string[] = [];
  const codeOf = new Map<string, number>();
  const coded = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue;
    let code = codeOf.get(value);
    if (code === undefined) {
      code = distinct.length + 1;
      distinct.push(value);
      codeOf.set(value, code);
    }
    coded[i] = code;
  }
  return { values: distinct, codes: smallestCodes(coded, distinct.length) };
}

/** Codes from 0 (none) to `valueCount`, in the smallest array that holds them. */
export function smallestCodes(coded: Int32Array, valueCount: number): Codes['codes'] {
  if (valueCount < 0xff) return Uint8Array.from(coded);
  return valueCount < 0xffff ? Uint16Array.from(coded) : coded;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function packEntries(entries: readonly SnapshotEntry[]): PackedEntries {
  const column = <T>(read: (entry: SnapshotEntry) => T): T[] => entries.map(read);
  const emailSameAsDomains = new Uint8Array(entries.length);
  const emailDomains = entries.map((entry, i) => {
    if (entry.emailDomains.length > 0 && sameList(entry.emailDomains, entry.domains)) {
      emailSameAsDomains[i] = 1;
      return NONE;
    }
    return entry.emailDomains;
  });
  const otherIdAt: number[] = [];
  const otherIds: string[] = [];
  entries.forEach((entry, i) => {
    if (entry.id !== defaultEntryId(entry.jurisdiction, entry.registrationNumber)) {
      otherIdAt.push(i);
      otherIds.push(entry.id);
    }
  });
  return {
    format: 3,
    count: entries.length,
    otherIds: { at: Int32Array.from(otherIdAt), ids: strings(otherIds) },
    registrationNumber: strings(column((e) => e.registrationNumber)),
    legalName: strings(column((e) => e.legalName)),
    tradingNames: lists(column((e) => e.tradingNames)),
    normalizedNames: lists(column((e) => e.normalizedNames)),
    domains: lists(column((e) => e.domains)),
    emailSameAsDomains,
    emailDomains: lists(emailDomains),
    phones: lists(column((e) => e.phones)),
    jurisdiction: codes(column((e) => e.jurisdiction)),
    kind: codes(column((e) => e.kind)),
    status: codes(column((e) => e.status)),
    authorizedFrom: codes(column((e) => e.authorizedFrom)),
    authorizedUntil: codes(column((e) => e.authorizedUntil)),
    statusChangedAt: codes(column((e) => e.statusChangedAt)),
    statusReason: codes(column((e) => e.statusReason)),
  };
}

/** The fields kept as codes (`Codes`). */
export const CODED_FIELDS = [
  'jurisdiction',
  'kind',
  'status',
  'authorizedFrom',
  'authorizedUntil',
  'statusChangedAt',
  'statusReason',
] as const;
type CodedField = (typeof CODED_FIELDS)[number];

/** The columns as read back, each checked once so that a view never reads out of bounds. */
class Columns {
  /** Kept form 2 kept every id; form 3 only those not made by `defaultEntryId`. */
  private readonly ids: PackedStrings | undefined;
  private readonly otherIds = new Map<number, string>();
  /** What is subtracted from a stored code: none is -1 either way. */
  private readonly codeOffset: number;
  readonly registrationNumber: PackedStrings;
  readonly legalName: PackedStrings;
  readonly lists: Record<
    'tradingNames' | 'normalizedNames' | 'domains' | 'emailDomains' | 'phones',
    { values: PackedStrings; ends: Int32Array }
  >;

  constructor(readonly packed: PackedEntries | PackedEntriesV2) {
    const { count } = packed;
    const column = (s: Strings) => {
      const values = new PackedStrings(s.text, s.ends);
      if (values.length !== count) throw new Error('stored entries do not line up');
      return values;
    };
    const list = (l: Lists) => {
      const values = new PackedStrings(l.values.text, l.values.ends);
      const { ends } = l;
      if (ends.length !== count || (count > 0 && ends[count - 1] !== values.length)) {
        throw new Error('stored entries do not line up');
      }
      for (let i = 0, previous = 0; i < count; previous = ends[i++]) {
        if (ends[i] < previous) throw new Error('stored entries do not line up');
      }
      return { values, ends };
    };
    this.codeOffset = packed.format === 2 ? 0 : 1;
    if (packed.format === 2) {
      this.ids = column(packed.id);
    } else {
      const { at, ids } = packed.otherIds;
      const values = new PackedStrings(ids.text, ids.ends);
      if (values.length !== at.length) throw new Error('stored entries do not line up');
      for (let k = 0; k < at.length; k++) {
        if (!(at[k] >= 0 && at[k] < count)) throw new Error('stored entries do not line up');
        this.otherIds.set(at[k], values.at(k)!);
      }
    }
    this.registrationNumber = column(packed.registrationNumber);
    this.legalName = column(packed.legalName);
    this.lists = {
      tradingNames: list(packed.tradingNames),
      normalizedNames: list(packed.normalizedNames),
      domains: list(packed.domains),
      emailDomains: list(packed.emailDomains),
      phones: list(packed.phones),
    };
    if (packed.emailSameAsDomains.length !== count)
      throw new Error('stored entries do not line up');
    for (const name of CODED_FIELDS) {
      const { values, codes } = packed[name];
      if (codes?.length !== count) throw new Error('stored entries do not line up');
      for (let i = 0; i < count; i++) {
        const code = codes[i] - this.codeOffset;
        if (!(code >= -1 && code < values.length)) {
          throw new Error('stored entries do not line up');
        }
      }
    }
  }

  id(i: number): string {
    if (this.ids) return this.ids.at(i)!;
    return (
      this.otherIds.get(i) ??
      defaultEntryId(this.code('jurisdiction', i)!, this.registrationNumber.at(i)!)
    );
  }

  list(name: keyof Columns['lists'], i: number): string[] {
    const { values, ends } = this.lists[name];
    const from = i === 0 ? 0 : ends[i - 1];
    const to = ends[i];
    if (from === to) return NONE;
    const list = new Array<string>(to - from);
    for (let k = from; k < to; k++) list[k - from] = values.at(k)!;
    return list;
  }

  code(name: CodedField, i: number): string | null {
    const { values, codes } = this.packed[name];
    const code = codes[i] - this.codeOffset;
    return code === -1 ? null : values[code];
  }
}

/** One entry, its fields read from the packed columns when asked. */
class PackedEntry implements SnapshotEntry {
  constructor(
    private readonly columns: Columns,
    private readonly i: number,
  ) {}

  get id() {
    return this.columns.id(this.i);
  }
  get jurisdiction() {
    return this.columns.code('jurisdiction', this.i)!;
  }
  get registrationNumber() {
    return this.columns.registrationNumber.at(this.i)!;
  }
  get kind() {
    return this.columns.code('kind', this.i) as SnapshotEntry['kind'];
  }
  get legalName() {
    return this.columns.legalName.at(this.i)!;
  }
  get tradingNames() {
    return this.columns.list('tradingNames', this.i);
  }
  get normalizedNames() {
    return this.columns.list('normalizedNames', this.i);
  }
  get domains() {
    return this.columns.list('domains', this.i);
  }
  get emailDomains() {
    return this.columns.packed.emailSameAsDomains[this.i] === 1
      ? this.domains
      : this.columns.list('emailDomains', this.i);
  }
  get phones() {
    return this.columns.list('phones', this.i);
  }
  get status() {
    return this.columns.code('status', this.i) as SnapshotEntry['status'];
  }
  get authorizedFrom() {
    return this.columns.code('authorizedFrom', this.i);
  }
  get authorizedUntil() {
    return this.columns.code('authorizedUntil', this.i);
  }
  get statusChangedAt() {
    return this.columns.code('statusChangedAt', this.i);
  }
  get statusReason() {
    return this.columns.code('statusReason', this.i);
  }

  /** What `JSON.stringify` writes: the entry as a plain object, not the columns it reads. */
  toJSON(): SnapshotEntry {
    return plainEntry(this);
  }
}

/** An entry's fields as a plain object: what a view over stored columns gives `JSON.stringify`. */
export function plainEntry(entry: SnapshotEntry): SnapshotEntry {
  return {
    id: entry.id,
    jurisdiction: entry.jurisdiction,
    registrationNumber: entry.registrationNumber,
    kind: entry.kind,
    legalName: entry.legalName,
    tradingNames: entry.tradingNames,
    normalizedNames: entry.normalizedNames,
    domains: entry.domains,
    emailDomains: entry.emailDomains,
    phones: entry.phones,
    status: entry.status,
    authorizedFrom: entry.authorizedFrom,
    authorizedUntil: entry.authorizedUntil,
    statusChangedAt: entry.statusChangedAt,
    statusReason: entry.statusReason,
  };
}

/** The entries, in their order; throws on anything that is not what `packEntries` wrote. */
export function unpackEntries(packed: PackedEntries | PackedEntriesV2): SnapshotEntry[] {
  if (
    (packed?.format !== 3 && packed?.format !== 2) ||
    !Number.isInteger(packed.count) ||
    packed.count < 0
  ) {
    throw new Error('not packed entries');
  }
  const columns = new Columns(packed);
  const entries = new Array<SnapshotEntry>(packed.count);
  for (let i = 0; i < packed.count; i++) entries[i] = new PackedEntry(columns, i);
  return entries;
}
