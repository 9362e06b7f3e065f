// cancelAsnOrder (seed §10): the same batch shape as getAsnList.
import type { z } from 'zod';
import { asnNumbersContentSchema } from './asn-numbers';

export const cancelAsnOrderContentSchema = asnNumbersContentSchema;

export type CancelAsnOrderContent = z.output<typeof cancelAsnOrderContentSchema>;
