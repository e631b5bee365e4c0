/** A message a person reads (the contract's `Text`, restated without zod for the renderer). */
export interface Text {
  'zh-CN': string;
  en: string;
}
