import { z } from 'zod';

// eTower's product/create requires fields Qianyi's insert_sku_info never sends (reference §3.7). They come
// from here, per tenant. Every field is optional in the file: a product that needs a missing one is refused
// with the field's name when it arrives, so a tenant that never sends products needs none of this.
export const productDefaultsSchema = z.object({
  /** Used when Qianyi sends no title (title is used for both names when present; see product-mapping.ts). */
  skuNameCn: z.string().trim().min(1).optional(),
  skuNameEn: z.string().trim().min(1).optional(),
  hsCode: z.string().trim().min(1).max(20).optional(),
  productMaterial: z.string().trim().min(1).max(50).optional(),
  productUsage: z.string().trim().min(1).max(50).optional(),
  /** Declared value per unit, in `currency`. */
  invoiceValue: z.number().nonnegative().optional(),
  currency: z.string().trim().length(3).toUpperCase().optional(),
  /** 0 none, 1 packed with equipment, 2 inside equipment, 3 batteries only. */
  batterySize: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  /** 0 liquid, 1 powder, 2 paste/gel, 3..6 combinations, 7 none. */
  otherAttributes: z
    .union([
      z.literal(0),
      z.literal(1),
      z.literal(2),
      z.literal(3),
      z.literal(4),
      z.literal(5),
      z.literal(6),
      z.literal(7),
    ])
    .optional(),
  /** Ships in its own packaging: 0 no, 1 yes. */
  shippingBagPacked: z.union([z.literal(0), z.literal(1)]).optional(),
  originCountry: z.string().trim().length(2).toUpperCase().optional(),
  /** Units assumed when Qianyi sends a weight or size without its unit. */
  weightUnit: z.enum(['KG', 'LBS', 'GRAM']).optional(),
  dimensionUnit: z.enum(['cm', 'in', 'm']).optional(),
  brand: z.string().trim().min(1).max(50).optional(),
});

export type ProductDefaults = z.output<typeof productDefaultsSchema>;
