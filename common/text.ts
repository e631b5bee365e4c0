/** A message a person reads, in each language of the hall: the one definition of it. */
import { z } from 'zod';

export const Text = z.object({ 'zh-CN': z.string(), en: z.string() }).strict();
export type Text = z.infer<typeof Text>;
