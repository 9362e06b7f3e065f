/**
 * A Lua condition: KEYS[1] is a document's record (a hash with a phase). BullMQ's keys of the asn queue share the
 * prefix ASN records had before they got a kind of their own, so whatever moves or deletes those checks this first,
 * in the same script.
 */
export const IS_RECORD_LUA =
  "redis.call('TYPE', KEYS[1]).ok == 'hash' and redis.call('HEXISTS', KEYS[1], 'phase') == 1";
