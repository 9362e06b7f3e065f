/**
 * Deletes everything of one finished document in one step, or says why not. The sweep (sweep-expired.ts) runs it for
 * each document its expiry index says is past the retention; everything is checked again here, at the moment of
 * deleting, so a document that was sent again, reopened or changed since it was indexed is never touched.
 *
 * KEYS[1] record hash, KEYS[2] history list, KEYS[3] open (poll) set, KEYS[4] push outbox, KEYS[5] expiry index,
 * KEYS[6] pending set (products waiting for product/create; a key never written for other kinds),
 * KEYS[7 .. 6+n] other keys of the document (label, delivered marker, push ledger),
 * then 4 keys per job: its hash, its logs, its queue's completed set, its queue's failed set.
 * ARGV[1] document id (its member in the open, pending and expiry sets), ARGV[2] its outbox member,
 * ARGV[3] final phases (comma list), ARGV[4] the version the caller read, ARGV[5] score that postpones it (due again
 * at the next look), ARGV[6] n, ARGV[7] number of jobs, ARGV[8 ..] the jobs' ids (their members in those sets).
 *
 * A document goes only when: its record is in a final phase and out of the poll set; still at the version read; no
 * push waits in the outbox; it is not pending; and every job of it that still exists has finished (completed, or
 * failed for good: an exhausted push stays replayable until this step removes it). Returns 'deleted', 'open' (not
 * finished: taken out of the index, its next final change puts it back), 'pending' (finished but a job or push is
 * still under way, or it changed: postponed), or 'gone' (no record: the index entry is dropped).
 */
export const EXPIRE_DOCUMENT_LUA = `
local id = ARGV[1]
local phase = redis.call('HGET', KEYS[1], 'phase')
if not phase then redis.call('ZREM', KEYS[5], id) return 'gone' end
local final = false
for p in string.gmatch(ARGV[3], '([^,]+)') do if p == phase then final = true end end
if not final or redis.call('ZSCORE', KEYS[3], id) then redis.call('ZREM', KEYS[5], id) return 'open' end
local n = tonumber(ARGV[6])
local jobs = tonumber(ARGV[7])
local settled = tostring(redis.call('HGET', KEYS[1], 'version') or '0') == ARGV[4]
  and not redis.call('ZSCORE', KEYS[4], ARGV[2]) and not redis.call('ZSCORE', KEYS[6], id)
local first = 7 + n
for j = 0, jobs - 1 do
  if not settled then break end
  local k = first + 4 * j
  local jobId = ARGV[8 + j]
  if redis.call('EXISTS', KEYS[k]) == 1 and not redis.call('ZSCORE', KEYS[k + 2], jobId) and not redis.call('ZSCORE', KEYS[k + 3], jobId) then settled = false end
end
if not settled then redis.call('ZADD', KEYS[5], ARGV[5], id) return 'pending' end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 7, 6 + n do redis.call('DEL', KEYS[i]) end
for j = 0, jobs - 1 do
  local k = first + 4 * j
  local jobId = ARGV[8 + j]
  redis.call('DEL', KEYS[k], KEYS[k + 1])
  redis.call('ZREM', KEYS[k + 2], jobId)
  redis.call('ZREM', KEYS[k + 3], jobId)
end
redis.call('ZREM', KEYS[5], id)
return 'deleted'
`;
