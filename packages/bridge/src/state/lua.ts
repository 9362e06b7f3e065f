/** Entries a document's history keeps (newest first in Redis). */
export const HISTORY_ENTRIES = 30;

/**
 * Compare-and-set of an order's phase, with a patch and a history entry, in one step. Used by every writer
 * (ingress cancel, create job, release job, poller) so that a cancel and a create can never both win.
 * KEYS[1] state hash, KEYS[2] history list, KEYS[3] open set, KEYS[4] push outbox, KEYS[5] the tenant's expiry index
 * ARGV[1] allowed current phases (comma list; '*' = any; '' = key must not exist), optionally '@<version>': then
 *   the record must also still be at that version (a writer that read it earlier must not overwrite a newer change)
 * ARGV[2] JSON patch (may set phase), ARGV[3] now (ms), ARGV[4] bump version ('1'/'0'),
 * ARGV[5] open-set action ('add' / 'remove' / ''), ARGV[6] history note, ARGV[7] open-set member,
 * ARGV[8] outbox member, ARGV[9] the kind's final phases (comma list).
 * A change Qianyi must hear of is written to the outbox in the same step, so a crash
 * between this and enqueueing its push cannot lose the push (the outbox is drained by a scheduler).
 * A document left in a final phase and out of the open set is (re)scored in the expiry index at this change, so
 * its retention counts from its last change; any other is taken out (a failed order sent again, say). The sweep
 * checks again before deleting anything (retention/expire-lua.ts).
 * History entries are one tab-separated line each, `at, from, to, version, note` (note cut to 300 bytes), at most
 * HISTORY_ENTRIES of them: a record's history is bounded in count and size (state/history.ts reads them).
 * Patch values arrive as strings (JSON encodes objects), so Lua never reformats a number.
 * Returns {ok (1/0), current phase or '', new version}
 */
export const TRANSITION_LUA = `
local current = redis.call('HGET', KEYS[1], 'phase')
local allowed = ARGV[1]
local wanted = nil
local at = string.find(allowed, '@', 1, true)
if at then wanted = tonumber(string.sub(allowed, at + 1)); allowed = string.sub(allowed, 1, at - 1) end
local ok = false
if allowed == '*' then ok = true
elseif allowed == '' then ok = (current == false)
elseif current then
  for p in string.gmatch(allowed, '([^,]+)') do if p == current then ok = true end end
end
if ok and wanted and tonumber(redis.call('HGET', KEYS[1], 'version') or '0') ~= wanted then ok = false end
if not ok then return {0, current or '', tonumber(redis.call('HGET', KEYS[1], 'version') or '0')} end
local patch = cjson.decode(ARGV[2])
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if ARGV[4] == '1' then version = version + 1; redis.call('ZADD', KEYS[4], ARGV[3], ARGV[8]) end
local args = {'version', tostring(version), 'updatedAt', ARGV[3]}
if not current then table.insert(args, 'createdAt'); table.insert(args, ARGV[3]) end
for k, v in pairs(patch) do
  if v == cjson.null then redis.call('HDEL', KEYS[1], k)
  else table.insert(args, k); table.insert(args, v) end
end
redis.call('HSET', KEYS[1], unpack(args))
local to = patch['phase']
if type(to) ~= 'string' then to = '' end
redis.call('LPUSH', KEYS[2], ARGV[3] .. '\t' .. (current or '') .. '\t' .. to .. '\t' .. version .. '\t' .. string.sub(ARGV[6], 1, 300))
redis.call('LTRIM', KEYS[2], 0, ${HISTORY_ENTRIES - 1})
if ARGV[5] == 'add' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[7]) elseif ARGV[5] == 'remove' then redis.call('ZREM', KEYS[3], ARGV[7]) end
local phase = redis.call('HGET', KEYS[1], 'phase')
local final = false
for p in string.gmatch(ARGV[9], '([^,]+)') do if p == phase then final = true end end
if final and not redis.call('ZSCORE', KEYS[3], ARGV[7]) then redis.call('ZADD', KEYS[5], ARGV[3], ARGV[7]) else redis.call('ZREM', KEYS[5], ARGV[7]) end
return {1, current or '', version}
`;
