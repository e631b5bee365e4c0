/**
 * Who may make a call: every call in the contract declares one of these levels, and a call
 * without one does not compile (`CallSpec`). The dispatcher checks it before the handler runs.
 *
 *   anyone      any caller, signed in or not
 *   local       this machine's own app window (and, in demo mode only, a loopback browser)
 *   kiosk       the local device or an enrolled kiosk
 *   display     any device or staff member: the hall view
 *   service     staff, or this machine's own window
 *   staff       a staff session (signed in at a counter)
 *   manager     a hall manager's session
 *   oversight   a manager, a technician or the local device
 *   technician  a technician's session or the local device
 */
import type { z } from 'zod';

export const accessLevels = [
  'anyone',
  'local',
  'kiosk',
  'display',
  'service',
  'staff',
  'manager',
  'oversight',
  'technician',
] as const;
export type Access = (typeof accessLevels)[number];

/** One call of the contract: what it takes, what it answers, and who may make it. */
export interface CallSpec {
  request: z.ZodType;
  response: z.ZodType;
  access: Access;
}
