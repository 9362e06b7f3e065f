import { z } from 'zod';
import { accessIdSchema } from './access-id';
import { asnShipperSchema } from './asn-shipper';
import { productDefaultsSchema } from './product-defaults';
import { DEFAULT_ETOWER_TIME_ZONE, timeZoneSchema } from './time-zone';

// A tenant is one Qianyi account (keyed by the accessId we issued to it) bound to one eTower account.
// Per-tenant business options live here too, so that one mapping decision changes in one place.
export const tenantSchema = z
  .object({
    accessId: accessIdSchema,
    secretKey: z.string().min(1, 'is required'),
    qianyi: z.object({
      callbackBaseUrl: z.url({ message: 'must be a URL' }).transform((u) => u.replace(/\/+$/, '')),
      warehouseExtraType: z.string().trim().min(1, 'is required'),
    }),
    etower: z.object({
      baseUrl: z.url({ message: 'must be a URL' }).transform((u) => u.replace(/\/+$/, '')),
      token: z.string().min(1, 'is required'),
      key: z.string().min(1, 'is required'),
      /** The zone eTower's zone-less timestamps are read in: an IANA name or a UTC offset (time-zone.ts). */
      timeZone: timeZoneSchema.default(DEFAULT_ETOWER_TIME_ZONE),
    }),
    /** Hold new orders as eTower drafts this long before releasing them, so a cancel in the window still stops them. */
    orderReleaseDelayMs: z.number().int().min(0).default(0),
    /** eTower has no COD field: COD orders are refused unless the tenant allows passing COD data through extendData. */
    allowCodPassthrough: z.boolean().default(false),
    /**
     * How long an order eTower reports shipped without a tracking number is polled for one (hours). After it the
     * order stays SENDING with a wmsStatus saying so and leaves the poll set (orders/awaiting-tracking.ts).
     * Capped at 90 days: every waiting order is read on every poll.
     */
    trackingWaitHours: z.number().int('must be a whole number of hours').min(1).max(2160).default(168),
    /** eTower product/create fields Qianyi's insert_sku_info does not send (see product-defaults.ts). */
    productDefaults: productDefaultsSchema.optional(),
    /** The sender of inbound (ASN) orders: a saved eTower address code, or a full address (see asn-shipper.ts). */
    asnShipper: asnShipperSchema.optional(),
  })
  .passthrough();

export type Tenant = z.output<typeof tenantSchema>;

export const tenantsFileSchema = z.object({ tenants: z.array(tenantSchema).min(1, 'must list at least one tenant') });
