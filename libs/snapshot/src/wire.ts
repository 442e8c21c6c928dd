// The wire layout of snapshot entries: one array per field ("columnar") rather than one object per
// entry. Each array holds values of one kind, which gzip compresses far better than interleaved
// objects, and field names are written once instead of once per entry. Values that the client can
// rebuild cheaply are left out (see README, "Wire layout"). The checks and the way back to
// `SnapshotEntry` objects are in `snapshot-validator.ts`, which every downloaded snapshot goes through.
import { compareEntriesForSerialization } from './snapshot-entry.js';
import type { SnapshotEntry } from './snapshot.types.js';

/** Repeated strings written once: `values[codes[i]]` is entry i's value (`null`: none). */
export interface WireDictionary<Code extends number | null = number> {
  values: string[];
  codes: Code[];
}

/** `emailDomains[i]` when entry i's e-mail domains are exactly its web domains (the usual case). */
export const SAME_AS_DOMAINS = 0;

/** The entries of a snapshot or the upserts of a delta; every array has `count` items. */
export interface WireEntries {
  count: number;
  /** `[index, id]` for the entries whose id is not `defaultEntryId(...)`, by increasing index. */
  id: [number, string][];
  jurisdiction: WireDictionary;
  registrationNumber: string[];
  kind: WireDictionary;
  legalName: string[];
  tradingNames: string[][];
  /**
   * A number `n` at position `j` stands for the first `n` characters of the lower-cased name `j`
   * of `[legalName, ...tradingNames]` (printable ASCII names only); any other name is written out.
   */
  normalizedNames: (string | number)[][];
  domains: string[][];
  emailDomains: (string[] | typeof SAME_AS_DOMAINS)[];
  phones: string[][];
  status: WireDictionary;
  authorizedFrom: (string | null)[];
  authorizedUntil: (string | null)[];
  statusChangedAt: (string | null)[];
  statusReason: WireDictionary<number | null>;
}

/** Printable ASCII: lower-casing it gives the same string in every JavaScript engine. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The id an entry gets when the wire does not name one: `GB:GBREC0001234` for registration number
 * `GB-REC-0001234` in GB (ASCII letters and digits, upper case). The API gives every entry that
 * id, unique per registry and stable, so ids cost nothing on the wire.
 */
export function defaultEntryId(jurisdiction: string, registrationNumber: string): string {
  return `${jurisdiction}:${registrationNumber.replace(NOT_ID_CHARACTERS, '').toUpperCase()}`;
}

const NOT_ID_CHARACTERS = /[^A-Za-z0-9]+/g;

/** The wire form of `entries`, in serialization order (see `compareEntriesForSerialization`). */
export function entriesToWire(entries: readonly SnapshotEntry[]): WireEntries {
  const sorted = [...entries].sort(compareEntriesForSerialization);
  const jurisdiction = new DictionaryBuilder();
  const kind = new DictionaryBuilder();
  const status = new DictionaryBuilder();
  const statusReason = new DictionaryBuilder<number | null>();
  const wire: WireEntries = {
    count: sorted.length,
    id: [],
    jurisdiction: jurisdiction.dictionary,
    registrationNumber: [],
    kind: kind.dictionary,
    legalName: [],
    tradingNames: [],
    normalizedNames: [],
    domains: [],
    emailDomains: [],
    phones: [],
    status: status.dictionary,
    authorizedFrom: [],
    authorizedUntil: [],
    statusChangedAt: [],
    statusReason: statusReason.dictionary,
  };
  sorted.forEach((entry, index) => {
    if (entry.id !== defaultEntryId(entry.jurisdiction, entry.registrationNumber)) {
      wire.id.push([index, entry.id]);
    }
    jurisdiction.add(entry.jurisdiction);
    wire.registrationNumber.push(entry.registrationNumber);
    kind.add(entry.kind);
    wire.legalName.push(entry.legalName);
    wire.tradingNames.push(entry.tradingNames);
    wire.normalizedNames.push(normalizedNamesToWire(entry));
    wire.domains.push(entry.domains);
    wire.emailDomains.push(
      entry.emailDomains.length > 0 && sameStrings(entry.emailDomains, entry.domains)
        ? SAME_AS_DOMAINS
        : entry.emailDomains,
    );
    wire.phones.push(entry.phones);
    status.add(entry.status);
    wire.authorizedFrom.push(entry.authorizedFrom);
    wire.authorizedUntil.push(entry.authorizedUntil);
    wire.statusChangedAt.push(entry.statusChangedAt);
    statusReason.add(entry.statusReason);
  });
  return wire;
}

export function normalizedNamesToWire(entry: SnapshotEntry): (string | number)[] {
  return entry.normalizedNames.map((name, position) => {
    const source = position === 0 ? entry.legalName : entry.tradingNames[position - 1];
    const isPrefix =
      source !== undefined &&
      name.length > 0 &&
      PRINTABLE_ASCII.test(source) &&
      source.toLowerCase().startsWith(name);
    return isPrefix ? name.length : name;
  });
}

export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Codes in order of first appearance, so one list of entries gives one dictionary. */
export class DictionaryBuilder<Code extends number | null = number> {
  readonly dictionary: WireDictionary<Code> = { values: [], codes: [] };
  private readonly codeOf = new Map<string, number>();

  add(value: string | Extract<Code, null>): void {
    if (value === null) {
      this.dictionary.codes.push(null as Code);
      return;
    }
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.values.length;
      this.dictionary.values.push(value);
      this.codeOf.set(value, code);
    }
    this.dictionary.codes.push(code as Code);
  }
}
