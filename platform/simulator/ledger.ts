/**
 * The simulator's idempotency store: what it created, by idempotency key. In memory by default
 * (tests that want a fresh platform each time); with a file it is a better-sqlite3 database
 * (WAL, synchronous=FULL), so a restarted simulator still knows every key it answered and
 * replays the first answer instead of creating a second case. Each creation is written before
 * the maps change and before the answer goes out.
 */
import Database from 'better-sqlite3';
import type {
  CaseAck,
  CaseStatus,
  CaseSubmission,
  RatingSubmission,
} from '../../common/platform/schemas.js';

export interface StoredCase {
  key: string;
  bodyHash: string;
  submission: CaseSubmission;
  status: CaseStatus;
  ack: CaseAck;
}

export interface Ledger {
  byKey: Map<string, StoredCase>;
  /** By platform case number. */
  cases: Map<string, StoredCase>;
  ratingKeys: Map<string, { bodyHash: string; id: string }>;
  ratings: Map<string, RatingSubmission>;
  /** How many times each idempotency key created something (must be 1). */
  creations: Map<string, number>;
  /** Receipt numbers in the order first stored, per applicant ID number. */
  orderByApplicant: Map<string, string[]>;
  /** The highest case sequence number handed out so far. */
  lastSequence: number;
  addCase(stored: StoredCase, sequence: number): void;
  addRating(key: string, bodyHash: string, id: string, submission: RatingSubmission): void;
  saveStatus(stored: StoredCase): void;
  close(): void;
}

export function openLedger(file?: string): Ledger {
  const db = file ? openFile(file) : null;
  const ledger: Ledger = {
    byKey: new Map(),
    cases: new Map(),
    ratingKeys: new Map(),
    ratings: new Map(),
    creations: new Map(),
    orderByApplicant: new Map(),
    lastSequence: 0,
    addCase(stored, sequence) {
      db?.addCase.run(
        stored.ack.caseNumber,
        stored.key,
        stored.bodyHash,
        sequence,
        JSON.stringify(stored.submission),
        JSON.stringify(stored.status),
        JSON.stringify(stored.ack),
      );
      remember(stored);
      ledger.lastSequence = Math.max(ledger.lastSequence, sequence);
    },
    addRating(key, bodyHash, id, submission) {
      db?.addRating.run(id, key, bodyHash, JSON.stringify(submission));
      ledger.ratingKeys.set(key, { bodyHash, id });
      ledger.ratings.set(id, submission);
      ledger.creations.set(key, (ledger.creations.get(key) ?? 0) + 1);
    },
    saveStatus(stored) {
      db?.saveStatus.run(JSON.stringify(stored.status), stored.ack.caseNumber);
    },
    close() {
      db?.close();
    },
  };

  function remember(stored: StoredCase) {
    ledger.byKey.set(stored.key, stored);
    ledger.cases.set(stored.ack.caseNumber, stored);
    ledger.creations.set(stored.key, (ledger.creations.get(stored.key) ?? 0) + 1);
    const id = stored.submission.applicant.idNumber;
    const order = ledger.orderByApplicant.get(id) ?? [];
    order.push(stored.submission.receiptNumber);
    ledger.orderByApplicant.set(id, order);
  }

  if (db) {
    for (const row of db.cases.iterate() as IterableIterator<CaseRow>) {
      remember({
        key: row.key,
        bodyHash: row.body_hash,
        submission: JSON.parse(row.submission) as CaseSubmission,
        status: JSON.parse(row.status) as CaseStatus,
        ack: JSON.parse(row.ack) as CaseAck,
      });
      ledger.lastSequence = Math.max(ledger.lastSequence, row.sequence);
    }
    for (const row of db.ratings.iterate() as IterableIterator<RatingRow>) {
      ledger.ratingKeys.set(row.key, { bodyHash: row.body_hash, id: row.rating_id });
      ledger.ratings.set(row.rating_id, JSON.parse(row.submission) as RatingSubmission);
      ledger.creations.set(row.key, (ledger.creations.get(row.key) ?? 0) + 1);
    }
  }
  return ledger;
}

interface CaseRow {
  key: string;
  body_hash: string;
  sequence: number;
  submission: string;
  status: string;
  ack: string;
}

interface RatingRow {
  rating_id: string;
  key: string;
  body_hash: string;
  submission: string;
}

function openFile(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A platform that acknowledged a case must still know it after a power cut.
  db.pragma('synchronous = FULL');
  // UNIQUE keys: even a bug in the simulator could not store one key twice.
  db.exec(`
    CREATE TABLE IF NOT EXISTS sim_case (
      case_number TEXT PRIMARY KEY,
      key         TEXT NOT NULL UNIQUE,
      body_hash   TEXT NOT NULL,
      sequence    INTEGER NOT NULL,
      submission  TEXT NOT NULL,
      status      TEXT NOT NULL,
      ack         TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS sim_rating (
      rating_id   TEXT PRIMARY KEY,
      key         TEXT NOT NULL UNIQUE,
      body_hash   TEXT NOT NULL,
      submission  TEXT NOT NULL
    ) STRICT;`);
  return {
    addCase: db.prepare(
      `INSERT INTO sim_case (case_number, key, body_hash, sequence, submission, status, ack)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    addRating: db.prepare(
      'INSERT INTO sim_rating (rating_id, key, body_hash, submission) VALUES (?, ?, ?, ?)',
    ),
    saveStatus: db.prepare('UPDATE sim_case SET status = ? WHERE case_number = ?'),
    cases: db.prepare('SELECT * FROM sim_case ORDER BY rowid'),
    ratings: db.prepare('SELECT * FROM sim_rating ORDER BY rowid'),
    close: () => db.close(),
  };
}
