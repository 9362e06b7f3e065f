import { z } from 'zod';

// eTower's b2b/po needs a sender (reference §3.8): either a saved address code (shipperWarehouseCode) or
// contact name, phone, country and address line 1. Qianyi sends none of it, so it is per-tenant configuration.
// Box weights are required by eTower too and Qianyi sends none: `boxWeightKg` is declared per box, and the
// `box*Cm` sizes are used for lines that come without asnMarkSku dimensions.
export const asnShipperSchema = z
  .object({
    shipperWarehouseCode: z.string().trim().min(1).max(100).optional(),
    shipperContactName: z.string().trim().min(1).max(20).optional(),
    shipperBizName: z.string().trim().min(1).max(50).optional(),
    shipperPhone: z.string().trim().min(1).max(20).optional(),
    shipperEmail: z.string().trim().min(1).max(50).optional(),
    country: z.string().trim().length(2).toUpperCase().optional(),
    state: z.string().trim().min(1).max(20).optional(),
    city: z.string().trim().min(1).max(20).optional(),
    district: z.string().trim().min(1).max(20).optional(),
    postCode: z.string().trim().min(1).max(20).optional(),
    addressLine1: z.string().trim().min(1).max(50).optional(),
    addressLine2: z.string().trim().min(1).max(100).optional(),
    addressLine3: z.string().trim().min(1).max(100).optional(),
    boxWeightKg: z.number().positive().optional(),
    boxLengthCm: z.number().positive().optional(),
    boxWidthCm: z.number().positive().optional(),
    boxHeightCm: z.number().positive().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.shipperWarehouseCode) return;
    for (const f of ['shipperContactName', 'shipperPhone', 'country', 'addressLine1'] as const) {
      if (!s[f])
        ctx.addIssue({ code: 'custom', path: [f], message: 'is required unless shipperWarehouseCode is given' });
    }
  });

export type AsnShipper = z.output<typeof asnShipperSchema>;
