// channels (seed §4): an optional warehouseCode filter. Content may be empty.
import type { z } from 'zod';
import { obj, optStr } from './coerce';

export const channelsContentSchema = obj({
  warehouseCode: optStr(),
});

export type ChannelsContent = z.output<typeof channelsContentSchema>;
