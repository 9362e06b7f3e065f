// channels (seed §4): an optional warehouseCode filter. Content may be empty.
import type { z } from 'zod';
import { optId } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH } from './limits';

export const channelsContentSchema = obj({
  warehouseCode: optId(ID_LENGTH.warehouseCode),
});

export type ChannelsContent = z.output<typeof channelsContentSchema>;
