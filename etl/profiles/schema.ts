/**
 * A source profile: how one vendor's export maps onto a canonical source. Profiles are data
 * (JSON files), validated here; onboarding a new export means writing one, never code.
 * See docs/profiles.md for the guide and a worked example.
 */
import { z } from 'zod';
import { SOURCE_NAMES } from '../sources/contract.ts';

/** A canonical field's origin: a column header, the first non-blank of several, or a constant. */
const FieldMapping = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1).optional(),
      firstOf: z.array(z.string().min(1)).min(1).optional(),
      const: z.string().optional(),
      /** Date or timestamp formats for this field alone (strftime codes), tried in order. */
      formats: z.array(z.string().min(1)).min(1).optional(),
    })
    .strict()
    .refine((m) => [m.column, m.firstOf, m.const].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of column, firstOf or const',
    }),
]);
export type FieldMapping = z.infer<typeof FieldMapping>;

const singleChar = z.string().length(1, 'must be exactly one character');

export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens'),
    source: z.enum(SOURCE_NAMES),
    label: z.string().min(1),
    description: z.string().optional(),
    dialect: z
      .object({
        delimiter: singleChar.default(','),
        quote: singleChar.default('"'),
        escape: singleChar.default('"'),
        encoding: z.enum(['utf-8', 'latin-1', 'windows-1252']).default('utf-8'),
        /** Lines above the header (report titles); "auto" finds the header by its column names. */
        skipRows: z.union([z.number().int().min(0).max(1000), z.literal('auto')]).default('auto'),
        /**
         * Trailer rows ("Total ...") among the last `maxRows` rows: a row that is not valid data
         * and has any cell matching `pattern` (DuckDB's RE2 syntax, case-insensitive).
         */
        trailer: z
          .object({ maxRows: z.number().int().min(1).max(20), pattern: z.string().min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .default({ delimiter: ',', quote: '"', escape: '"', encoding: 'utf-8', skipRows: 'auto' }),
    formats: z
      .object({
        /** strftime formats, tried in order; pin them, never let a sniffer guess 01/02. */
        date: z.array(z.string().min(1)).min(1).default(['%Y-%m-%d']),
        timestamp: z.array(z.string().min(1)).min(1).default(['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S']),
        number: z
          .object({
            currencySymbol: z.string().max(3).default('$'),
            thousands: z.enum([',', '.', ' ', '']).default(','),
            decimal: z.enum(['.', ',']).default('.'),
            parenNegative: z.boolean().default(true),
          })
          .strict()
          .default({ currencySymbol: '$', thousands: ',', decimal: '.', parenNegative: true }),
      })
      .strict()
      .default({
        date: ['%Y-%m-%d'],
        timestamp: ['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S'],
        number: { currencySymbol: '$', thousands: ',', decimal: '.', parenNegative: true },
      }),
    /** Canonical field name to where it comes from in the file. Headers match case-insensitively. */
    columns: z.record(z.string(), FieldMapping),
    /**
     * Per canonical field: source value to canonical value. Unmapped values are kept (enums
     * match case-insensitively). `null` or `""` makes the value blank, e.g. `{ "N/A": null }`.
     */
    valueMaps: z.record(z.string(), z.record(z.string(), z.string().nullable())).default({}),
    /**
     * The direction the export writes each kind of row's amount, by the canonical value of the
     * source's sign field (billing: `txn_type`). "negative": the export writes this type with a
     * minus sign (a refund paid out as -5.00); it is loaded with the sign turned, so the amount
     * is positive in the direction the type names. Example: `{ "refund": "negative" }`.
     */
    signs: z.record(z.string(), z.enum(['positive', 'negative'])).default({}),
    /** Columns a file may carry that must never be stored (names, birth dates, addresses, phones, SSNs). */
    neverStore: z.array(z.string()).default([]),
  })
  .strict();

export type Profile = z.infer<typeof ProfileSchema>;
