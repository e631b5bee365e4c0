/**
 * A message a person reads, in each language of the hall: the one definition of it. Written
 * with zod/mini so the page can check the frames that carry it without bundling all of zod;
 * the contract's full-zod schemas nest it like any other schema.
 */
import * as z from 'zod/mini';

export const Text = z.strictObject({ 'zh-CN': z.string(), en: z.string() });
export type Text = z.infer<typeof Text>;
