/**
 * A wrong data key is well-formed too: without a check it would start, read no resident's
 * cases and seal new ones no backup key can open. So the folder keeps a known value sealed
 * with its key, and a start with another key is refused. A folder from before the check
 * value proves its key by opening one value it already holds.
 */
import { residentWhere } from '../appointment/book.js';
import { openPersonal, type SealedPersonal } from '../case/case-body.js';
import { KeyError } from '../privacy/key-source.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Db } from '../store/store.js';

const CHECK = 'privacy.keyCheck';
const PLAIN = 'hall-kiosk data key check';

export function checkDataKey(db: Db, sealer: Sealer, keyName: string): void {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(CHECK) as
    { value: string } | undefined;
  const fits = row ? opensCheck(sealer, row.value) : opensHeldValue(db, sealer);
  if (!fits) {
    throw new KeyError(
      `the data key (${keyName}) is not the key this data folder was sealed with: restore the folder's own key from its backup; a new key cannot read the residents' cases`,
    );
  }
  if (!row) {
    const sealed = sealer.seal(PLAIN, CHECK).toString('base64');
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(CHECK, sealed);
  }
}

function opensCheck(sealer: Sealer, value: string): boolean {
  return attempt(() => sealer.open(Buffer.from(value, 'base64'), CHECK) === PLAIN);
}

/** The newest sealed case or appointment the folder holds; true when it holds none. */
function opensHeldValue(db: Db, sealer: Sealer): boolean {
  const kase = db
    .prepare(
      `SELECT receipt_number AS receiptNumber, personal_enc AS personalEnc,
              applicant_enc AS applicantEnc, form_enc AS formEnc
       FROM hall_case ORDER BY id DESC LIMIT 1`,
    )
    .get() as SealedPersonal | undefined;
  if (kase) return attempt(() => openPersonal(sealer, kase) !== null);
  const appointment = db
    .prepare('SELECT id, resident_enc AS residentEnc FROM appointment LIMIT 1')
    .get() as { id: string; residentEnc: Buffer } | undefined;
  if (appointment) {
    const where = residentWhere(appointment.id);
    return attempt(() => sealer.open(appointment.residentEnc, where).length > 0);
  }
  return true;
}

function attempt(open: () => boolean): boolean {
  try {
    return open();
  } catch {
    return false;
  }
}
