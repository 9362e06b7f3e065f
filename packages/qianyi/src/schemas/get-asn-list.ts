// getAsnList (seed §9.1). See asn-numbers.ts for the tolerated shapes and json-repair.ts for the
// seed example that is not JSON.
import type { z } from 'zod';
import { asnNumbersContentSchema } from './asn-numbers';

export const getAsnListContentSchema = asnNumbersContentSchema;

export type GetAsnListContent = z.output<typeof getAsnListContentSchema>;
