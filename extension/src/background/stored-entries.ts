import type { SnapshotEntry, SnapshotPayload } from '@fair-recruit/snapshot';
import { plainEntry } from '@fair-recruit/snapshot';

// How the previous version kept a snapshot's entries in IndexedDB; read once, then kept again as
// `PackedEntries` (`@fair-recruit/snapshot`) keeps them (the writer stays, for the tests of that): one JSON string, one
// array per field (as the registry's wire layout does), repeated values written once. The entries
// are views over those arrays (`StoredEntry`): no object of fifteen fields per entry, and what
// entries repeat is held once (one frozen empty list, the website list as the e-mail list when
// they are equal, each status, reason and date once).

/** Repeated strings once: `values[codes[i]]` is entry i's value, `null` none. */
interface Dictionary {
  values: string[];
  codes: (number | null)[];
}

/** A list, `0` for an empty one. */
type List = string[] | 0;
/** `emailDomains`: `1` when they are the entry's `domains`. */
const SAME_AS_DOMAINS = 1;

export interface StoredEntries {
  count: number;
  id: string[];
  registrationNumber: string[];
  legalName: string[];
  tradingNames: List[];
  normalizedNames: List[];
  domains: List[];
  emailDomains: (List | typeof SAME_AS_DOMAINS)[];
  phones: List[];
  jurisdiction: Dictionary;
  kind: Dictionary;
  status: Dictionary;
  authorizedFrom: Dictionary;
  authorizedUntil: Dictionary;
  statusChangedAt: Dictionary;
  statusReason: Dictionary;
}

export type StoredPayload = Omit<SnapshotPayload, 'entries'> & { entries: StoredEntries };

const NONE = Object.freeze([]) as unknown as string[];

class DictionaryBuilder {
  readonly dictionary: Dictionary = { values: [], codes: [] };
  private readonly codeOf = new Map<string, number>();

  add(value: string | null): void {
    if (value === null) {
      this.dictionary.codes.push(null);
      return;
    }
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.values.length;
      this.dictionary.values.push(value);
      this.codeOf.set(value, code);
    }
    this.dictionary.codes.push(code);
  }
}

const listOf = (values: string[]): List => (values.length === 0 ? 0 : values);

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toStoredEntries(entries: readonly SnapshotEntry[]): StoredEntries {
  const jurisdiction = new DictionaryBuilder();
  const kind = new DictionaryBuilder();
  const status = new DictionaryBuilder();
  const authorizedFrom = new DictionaryBuilder();
  const authorizedUntil = new DictionaryBuilder();
  const statusChangedAt = new DictionaryBuilder();
  const statusReason = new DictionaryBuilder();
  const stored: StoredEntries = {
    count: entries.length,
    id: [],
    registrationNumber: [],
    legalName: [],
    tradingNames: [],
    normalizedNames: [],
    domains: [],
    emailDomains: [],
    phones: [],
    jurisdiction: jurisdiction.dictionary,
    kind: kind.dictionary,
    status: status.dictionary,
    authorizedFrom: authorizedFrom.dictionary,
    authorizedUntil: authorizedUntil.dictionary,
    statusChangedAt: statusChangedAt.dictionary,
    statusReason: statusReason.dictionary,
  };
  for (const entry of entries) {
    stored.id.push(entry.id);
    stored.registrationNumber.push(entry.registrationNumber);
    stored.legalName.push(entry.legalName);
    stored.tradingNames.push(listOf(entry.tradingNames));
    stored.normalizedNames.push(listOf(entry.normalizedNames));
    stored.domains.push(listOf(entry.domains));
    stored.emailDomains.push(
      entry.emailDomains.length > 0 && sameList(entry.emailDomains, entry.domains)
        ? SAME_AS_DOMAINS
        : listOf(entry.emailDomains),
    );
    stored.phones.push(listOf(entry.phones));
    jurisdiction.add(entry.jurisdiction);
    kind.add(entry.kind);
    status.add(entry.status);
    authorizedFrom.add(entry.authorizedFrom);
    authorizedUntil.add(entry.authorizedUntil);
    statusChangedAt.add(entry.statusChangedAt);
    statusReason.add(entry.statusReason);
  }
  return stored;
}

function valueAt(dictionary: Dictionary, i: number): string | null {
  const code = dictionary.codes[i];
  return code === null ? null : dictionary.values[code];
}

/** One entry, read from the stored arrays when asked. */
class StoredEntry implements SnapshotEntry {
  constructor(
    private readonly stored: StoredEntries,
    private readonly i: number,
  ) {}

  get id() {
    return this.stored.id[this.i];
  }
  get jurisdiction() {
    return valueAt(this.stored.jurisdiction, this.i)!;
  }
  get registrationNumber() {
    return this.stored.registrationNumber[this.i];
  }
  get kind() {
    return valueAt(this.stored.kind, this.i) as SnapshotEntry['kind'];
  }
  get legalName() {
    return this.stored.legalName[this.i];
  }
  get tradingNames() {
    return this.stored.tradingNames[this.i] || NONE;
  }
  get normalizedNames() {
    return this.stored.normalizedNames[this.i] || NONE;
  }
  get domains() {
    return this.stored.domains[this.i] || NONE;
  }
  get emailDomains() {
    const emailDomains = this.stored.emailDomains[this.i];
    return emailDomains === SAME_AS_DOMAINS ? this.domains : emailDomains || NONE;
  }
  get phones() {
    return this.stored.phones[this.i] || NONE;
  }
  get status() {
    return valueAt(this.stored.status, this.i) as SnapshotEntry['status'];
  }
  get authorizedFrom() {
    return valueAt(this.stored.authorizedFrom, this.i);
  }
  get authorizedUntil() {
    return valueAt(this.stored.authorizedUntil, this.i);
  }
  get statusChangedAt() {
    return valueAt(this.stored.statusChangedAt, this.i);
  }
  get statusReason() {
    return valueAt(this.stored.statusReason, this.i);
  }

  /** What `JSON.stringify` writes: the entry as a plain object, not the arrays it reads. */
  toJSON(): SnapshotEntry {
    return plainEntry(this);
  }
}

/** The entries, in their order; throws on anything that is not what `toStoredEntries` wrote. */
export function fromStoredEntries(stored: StoredEntries): SnapshotEntry[] {
  const { count } = stored;
  const columns = [
    stored.id,
    stored.registrationNumber,
    stored.legalName,
    stored.tradingNames,
    stored.normalizedNames,
    stored.domains,
    stored.emailDomains,
    stored.phones,
    stored.jurisdiction.codes,
    stored.kind.codes,
    stored.status.codes,
    stored.authorizedFrom.codes,
    stored.authorizedUntil.codes,
    stored.statusChangedAt.codes,
    stored.statusReason.codes,
  ];
  if (!Number.isInteger(count) || columns.some((column) => column.length !== count)) {
    throw new Error('stored entries do not line up');
  }
  const entries = new Array<SnapshotEntry>(count);
  for (let i = 0; i < count; i++) entries[i] = new StoredEntry(stored, i);
  return entries;
}

export function storedPayloadJson(payload: SnapshotPayload): string {
  const stored: StoredPayload = { ...payload, entries: toStoredEntries(payload.entries) };
  return JSON.stringify(stored);
}

export function payloadFromStored(json: string): SnapshotPayload {
  const stored = JSON.parse(json) as StoredPayload;
  return { ...stored, entries: fromStoredEntries(stored.entries) };
}
