import type { Request, Response } from 'express';
import { parametersError } from './envelope';

/** eTower's limit on ids per list query (orderList, poList). */
export const MAX_IDS = 300;

/**
 * Reads `{ referenceNoList?, orderNoList? }` of a list query. Answers eTower's "parameters error" itself and
 * returns undefined when neither list is given or one is too long.
 */
export function readIdQuery(req: Request, res: Response): { refs: string[]; nos: string[] } | undefined {
  const q = (req.body ?? {}) as { referenceNoList?: unknown; orderNoList?: unknown };
  const refs = Array.isArray(q.referenceNoList) ? q.referenceNoList.map(String) : [];
  const nos = Array.isArray(q.orderNoList) ? q.orderNoList.map(String) : [];
  if (refs.length === 0 && nos.length === 0) {
    res.json(parametersError('referenceNoList or orderNoList:must not be empty'));
    return undefined;
  }
  if (refs.length > MAX_IDS || nos.length > MAX_IDS) {
    res.json(parametersError(`at most ${MAX_IDS} ids per query`));
    return undefined;
  }
  return { refs, nos };
}
