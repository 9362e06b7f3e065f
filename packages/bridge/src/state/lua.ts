/**
 * Compare-and-set of an order's phase, with a patch and a history entry, in one step. Used by every writer
 * (ingress cancel, create job, release job, poller) so that a cancel and a create can never both win.
 * KEYS[1] state hash, KEYS[2] history list, KEYS[3] open set, KEYS[4] push outbox
 * ARGV[1] allowed current phases (comma list; '*' = any; '' = key must not exist), optionally '@<version>': then
 *   the record must also still be at that version (a writer that read it earlier must not overwrite a newer change)
 * ARGV[2] JSON patch (may set phase), ARGV[3] now (ms), ARGV[4] bump version ('1'/'0'),
 * ARGV[5] open-set action ('add' / 'remove' / ''), ARGV[6] history note, ARGV[7] open-set member,
 * ARGV[8] outbox member. A change Qianyi must hear of is written to the outbox in the same step, so a crash
 * between this and enqueueing its push cannot lose the push (the outbox is drained by a scheduler).
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
redis.call('LPUSH', KEYS[2], cjson.encode({at = tonumber(ARGV[3]), from = current or '', patch = patch, version = version, note = ARGV[6]}))
redis.call('LTRIM', KEYS[2], 0, 199)
if ARGV[5] == 'add' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[7]) elseif ARGV[5] == 'remove' then redis.call('ZREM', KEYS[3], ARGV[7]) end
return {1, current or '', version}
`;
