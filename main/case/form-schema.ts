/**
 * A service's form as the catalog gives it: a small JSON Schema subset. The schema itself is
 * checked first (an invalid one refuses that service clearly); then a resident's answers are
 * checked against it. Pure.
 */
import { z } from 'zod';
import { checkText, type FieldIssue } from './text-rules.js';

const StringField = z
  .object({
    type: z.literal('string'),
    title: z.string().min(1).max(40),
    pattern: z.string().max(200).optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    enum: z.array(z.string().max(100)).min(1).max(50).optional(),
  })
  .strict();
const NumberField = z
  .object({
    type: z.enum(['integer', 'number']),
    title: z.string().min(1).max(40),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
  })
  .strict();
const BooleanField = z
  .object({ type: z.literal('boolean'), title: z.string().min(1).max(40) })
  .strict();
const Field = z.discriminatedUnion('type', [StringField, NumberField, BooleanField]);
export type FormField = z.infer<typeof Field>;

export const FormSchema = z
  .object({
    type: z.literal('object'),
    required: z.array(z.string()).default([]),
    additionalProperties: z.literal(false),
    properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), Field),
  })
  .strict()
  .superRefine((schema, ctx) => {
    for (const name of schema.required) {
      if (!(name in schema.properties)) {
        ctx.addIssue({
          code: 'custom',
          path: ['required'],
          message: `required field ${name} is not defined`,
        });
      }
    }
    for (const [name, field] of Object.entries(schema.properties)) {
      if (field.type === 'string' && field.pattern !== undefined) {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          ctx.addIssue({
            code: 'custom',
            path: ['properties', name, 'pattern'],
            message: 'not a valid pattern',
          });
        }
      }
    }
  });
export type FormSchema = z.infer<typeof FormSchema>;

export type SchemaCheck =
  { ok: true; schema: FormSchema } | { ok: false; where: string; reason: string };

export function checkFormSchema(raw: unknown): SchemaCheck {
  const parsed = FormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, schema: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, where: issue.path.map(String).join('.') || '(root)', reason: issue.message };
}

const issue = (path: string, zh: string, en: string): FieldIssue => ({
  path,
  message: { 'zh-CN': zh, en },
});

/** The resident's answers, checked and normalised (NFC, trimmed); issues name each field. */
export function checkAnswers(
  schema: FormSchema,
  answers: Record<string, unknown>,
):
  | { ok: true; form: Record<string, string | number | boolean> }
  | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const form: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(answers)) {
    if (!(key in schema.properties))
      issues.push(issue(key, '表单中没有这一项', 'this form has no such field'));
  }
  for (const [name, field] of Object.entries(schema.properties)) {
    const value = answers[name];
    const title = field.title;
    if (value === undefined || value === '') {
      if (schema.required.includes(name))
        issues.push(issue(name, `请填写“${title}”`, `fill in "${title}"`));
      continue;
    }
    if (field.type === 'string') {
      if (typeof value !== 'string') {
        issues.push(issue(name, `“${title}”应为文字`, `"${title}" must be text`));
        continue;
      }
      const text = value.normalize('NFC').trim();
      const bad = checkText(name, text, field.maxLength ?? 200);
      if (bad) issues.push(bad);
      else if (field.minLength !== undefined && [...text].length < field.minLength) {
        issues.push(
          issue(
            name,
            `“${title}”至少 ${field.minLength} 个字`,
            `"${title}" needs at least ${field.minLength} characters`,
          ),
        );
      } else if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(text)) {
        issues.push(
          issue(name, `“${title}”格式不正确`, `"${title}" is not in the expected format`),
        );
      } else if (field.enum && !field.enum.includes(text)) {
        issues.push(issue(name, `“${title}”请从选项中选择`, `choose "${title}" from the list`));
      } else form[name] = text;
    } else if (field.type === 'boolean') {
      if (typeof value !== 'boolean')
        issues.push(issue(name, `“${title}”请选择是或否`, `answer "${title}" yes or no`));
      else form[name] = value;
    } else {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (
        typeof n !== 'number' ||
        !Number.isFinite(n) ||
        (field.type === 'integer' && !Number.isInteger(n))
      ) {
        issues.push(issue(name, `“${title}”应为数字`, `"${title}" must be a number`));
      } else if (
        (field.minimum !== undefined && n < field.minimum) ||
        (field.maximum !== undefined && n > field.maximum)
      ) {
        issues.push(issue(name, `“${title}”超出范围`, `"${title}" is out of range`));
      } else form[name] = n;
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, form };
}
