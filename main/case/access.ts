/** Who may make the case, catalog, rating and outbox calls (see main/transport/access.ts). */
import type { Method } from '../../common/contract/contract.js';
import type { Access } from '../transport/access.js';

export const caseAccess: Partial<Record<Method, Access>> = {
  // The catalog is public information: every screen may show the guide.
  'catalog.list': 'anyone',
  // A resident's cases, submissions and ratings: only from a kiosk.
  'cases.submit': 'kiosk',
  'cases.mine': 'kiosk',
  'cases.receipt': 'kiosk',
  'ratings.submit': 'kiosk',
  // Counts only: kiosks, staff and technicians watch the drain.
  'outbox.status': 'display',
  // Parked cases and what to do with them: the hall manager decides.
  'outbox.deadLetters': 'oversight',
  'outbox.retry': 'manager',
  'outbox.discard': 'manager',
  // case-followup: the resident's own receipt again, at the kiosk they stand at.
  'cases.printReceipt': 'kiosk',
};
