import type { Redis, Result } from 'ioredis';

/** Takes `slots` call slots (a batch call may weigh more than one) against the shared sliding window, minimum interval, cooldown and blacklist. */
const ACQUIRE_SLOT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local requests = tonumber(ARGV[3])
local minInterval = tonumber(ARGV[4])
local slots = tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local count = redis.call('ZCARD', KEYS[1])
local state = redis.call('HMGET', KEYS[2], 'last', 'cooldown', 'header', 'blacklist', 'c429')
local last = tonumber(state[1])
local cooldown = tonumber(state[2]) or 0
local header = tonumber(state[3]) or 0
local blacklist = tonumber(state[4]) or 0
local streak = tonumber(state[5]) or 0
local function earliest(need)
  local at = math.max(now, blacklist, cooldown, header)
  if last then at = math.max(at, last + minInterval) end
  if count + need > requests then
    local index = count + need - requests - 1
    local leaving = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
    at = math.max(at, tonumber(leaving[2]) + windowMs)
  end
  return at
end
local nextAt = earliest(slots)
local granted = 0
if nextAt <= now then
  for slot = 1, slots do redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. slot) end
  redis.call('HSET', KEYS[2], 'last', now)
  last = now
  count = count + slots
  granted = 1
  nextAt = earliest(1)
end
redis.call('PEXPIRE', KEYS[1], windowMs + 1000)
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return {granted, nextAt, count, cooldown, blacklist, header, streak}
`;

/** Applies a failure to the shared state: the 429 streak, backoff step, Retry-After and blacklist. */
const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
local rateLimited = ARGV[2] == '1'
local banned = ARGV[3] == '1'
local retryAfter = tonumber(ARGV[4])
local blacklistAfter = tonumber(ARGV[5])
local blacklistMs = tonumber(ARGV[6])
local steps = cjson.decode(ARGV[7])
local state = redis.call('HMGET', KEYS[1], 'cooldown', 'header', 'blacklist')
local cooldown = tonumber(state[1]) or 0
local header = tonumber(state[2]) or 0
local blacklist = tonumber(state[3]) or 0
local action = 0
local streak = tonumber(redis.call('HGET', KEYS[1], 'c429')) or 0
if not rateLimited then
  if retryAfter >= 0 then
    cooldown = math.max(cooldown, now + retryAfter)
    action = 1
  end
else
  streak = streak + 1
  if streak >= blacklistAfter then
    blacklist = now + blacklistMs
    streak = 0
    action = 2
  else
    local step = steps[math.min(streak, #steps)]
    local waitMs = step
    if banned then
      waitMs = math.max(math.max(retryAfter, 0), step)
    elseif retryAfter >= 0 then
      waitMs = retryAfter
    end
    cooldown = math.max(cooldown, now + waitMs)
    action = 1
  end
end
redis.call('HSET', KEYS[1], 'cooldown', cooldown, 'blacklist', blacklist, 'c429', streak)
redis.call('PEXPIRE', KEYS[1], ARGV[8])
return {action, cooldown, blacklist, header, streak}
`;

/** An exhausted header budget blocks the provider until `ARGV[1]` (never earlier than already blocked). */
const BLOCK_UNTIL = `
local current = tonumber(redis.call('HGET', KEYS[1], 'header')) or 0
redis.call('HSET', KEYS[1], 'header', math.max(current, tonumber(ARGV[1])))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** A result published moments ago, else the call lock when free, else "locked". */
const CLAIM_CALL = `
local result = redis.call('GET', KEYS[2])
if result then return {'result', result} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'acquired'} end
return {'locked'}
`;

/** Keeps the result for late askers, frees the lock if still ours, and tells the waiting replicas. */
const SETTLE_CALL = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

/** Shared slot state as the scripts answer it: [granted|action, nextCallAt|cooldown, ...]. */
export type ScriptNumbers = number[];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    cdsAcquireSlot(
      calls: string,
      state: string,
      now: number,
      windowMs: number,
      requests: number,
      minIntervalMs: number,
      member: string,
      stateTtlMs: number,
      slots: number,
    ): Result<ScriptNumbers, Context>;
    cdsRecordFailure(
      state: string,
      now: number,
      rateLimited: 0 | 1,
      banned: 0 | 1,
      retryAfterMs: number,
      blacklistAfter: number,
      blacklistMs: number,
      backoffJson: string,
      stateTtlMs: number,
    ): Result<ScriptNumbers, Context>;
    cdsBlockUntil(state: string, until: number, stateTtlMs: number): Result<number, Context>;
    cdsClaimCall(lock: string, result: string, token: string, lockTtlMs: number): Result<[string, string?], Context>;
    cdsSettleCall(lock: string, result: string, token: string, payload: string, resultTtlMs: number, channel: string, message: string): Result<number, Context>;
  }
}

/**
 * The cluster's Lua scripts, registered with ioredis (`defineCommand`: EVALSHA, loaded again after
 * a Redis restart): each settles one shared decision atomically, so no two replicas take the same
 * slot or lock.
 */
export function defineClusterScripts(client: Redis): Redis {
  client.defineCommand('cdsAcquireSlot', { numberOfKeys: 2, lua: ACQUIRE_SLOT });
  client.defineCommand('cdsRecordFailure', { numberOfKeys: 1, lua: RECORD_FAILURE });
  client.defineCommand('cdsBlockUntil', { numberOfKeys: 1, lua: BLOCK_UNTIL });
  client.defineCommand('cdsClaimCall', { numberOfKeys: 2, lua: CLAIM_CALL });
  client.defineCommand('cdsSettleCall', { numberOfKeys: 2, lua: SETTLE_CALL });
  return client;
}
