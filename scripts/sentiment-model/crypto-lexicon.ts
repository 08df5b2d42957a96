/**
 * Crypto-news sentiment lexicon, in AFINN points (-5 very negative .. +5 very positive). It is
 * merged over AFINN-165 and wins where both list a word. Words are lower-case single tokens as
 * the BERT pre-tokenizer splits them: "rug pull" counts through "rug", "all-time high" through
 * "high", "ETF approval" through "approval". A score of 0 removes a general-English AFINN word
 * whose usual sense is neutral in market news ("trust" as in Grayscale Bitcoin Trust).
 */
export const CRYPTO_LEXICON: Readonly<Record<string, number>> = {
  // Security incidents and fraud.
  hack: -3, hacks: -3, hacked: -3, hacker: -3, hackers: -3, hacking: -3,
  exploit: -3, exploits: -3, exploited: -3, exploiter: -3,
  drain: -2, drains: -3, drained: -3, draining: -3, drainer: -3,
  rug: -3, rugs: -3, rugged: -3, rugpull: -4, rugpulled: -4,
  scam: -3, scams: -3, scammer: -3, scammers: -3, scammed: -3,
  ponzi: -4, phishing: -3, stolen: -3, theft: -3, thefts: -3, steal: -3, steals: -3,
  attack: -2, attacks: -2, attacker: -3, attackers: -3,
  breach: -3, breaches: -3, breached: -3, vulnerability: -2, vulnerabilities: -2,
  laundering: -3, launder: -3, manipulation: -2,
  // Outages and failures.
  outage: -2, outages: -2, halt: -2, halts: -2, halted: -2,
  suspend: -2, suspends: -2, suspended: -2, freeze: -2, freezes: -2, frozen: -2,
  bankrupt: -4, bankruptcy: -4, insolvent: -4, insolvency: -4,
  collapse: -4, collapses: -4, collapsed: -4,
  depeg: -3, depegs: -3, depegged: -3, depegging: -3,
  delist: -2, delists: -2, delisted: -2, delisting: -2,
  shutdown: -2, shuts: -2, layoffs: -2,
  // Price down.
  crash: -3, crashes: -3, crashed: -3, crashing: -3,
  plunge: -3, plunges: -3, plunged: -3, plunging: -3,
  tumble: -2, tumbles: -2, tumbled: -2, tumbling: -2,
  slump: -2, slumps: -2, slumped: -2, sink: -2, sinks: -2, sank: -2, sinking: -2,
  slide: -2, slides: -2, slid: -2, sliding: -2,
  drop: -2, drops: -2, dropped: -2, dropping: -2,
  fall: -2, falls: -2, fell: -2, falling: -2, dip: -1, dips: -1, dipped: -1,
  decline: -2, declines: -2, declined: -2, declining: -2,
  lose: -2, loses: -2, lost: -2, losing: -2,
  liquidation: -2, liquidations: -2, liquidated: -2,
  selloff: -3, dump: -2, dumps: -2, dumped: -2, dumping: -2,
  bearish: -3, bear: -1, bears: -1, downtrend: -2,
  tank: -2, tanks: -2, tanked: -3, capitulation: -3, panic: -3, fud: -2,
  lows: -2, outflow: -2, outflows: -2, bleed: -2, bleeding: -2, wipes: -2, wiped: -2,
  // Regulation and courts.
  lawsuit: -2, lawsuits: -2, sue: -2, sues: -2, sued: -2,
  charged: -2, indicted: -3, indictment: -3, arrested: -3, convicted: -3, guilty: -3,
  ban: -2, bans: -2, banned: -2, crackdown: -3, sanctions: -2, sanctioned: -2,
  reject: -2, rejects: -2, rejected: -2, rejection: -2,
  deny: -2, denies: -2, denied: -2, delay: -2, delays: -2, delayed: -2, postpones: -2,
  fine: -1, fines: -2, fined: -2, penalty: -2, probe: -2, investigation: -1,
  warn: -2, warns: -2, warning: -2, fears: -2, worries: -2,
  // Price up.
  bullish: 3, bull: 2, bulls: 1,
  rally: 2, rallies: 2, rallied: 2, rallying: 2,
  surge: 2, surges: 2, surged: 2, surging: 2,
  soar: 3, soars: 3, soared: 3, soaring: 3,
  jump: 2, jumps: 2, jumped: 2, climb: 2, climbs: 2, climbed: 2, climbing: 2,
  rise: 2, rises: 2, rose: 2, rising: 2, gain: 2, gains: 2, gained: 2,
  rebound: 2, rebounds: 2, rebounded: 2, recover: 2, recovers: 2, recovered: 2, recovery: 2,
  breakout: 2, ath: 3, high: 2, highs: 2, record: 1,
  moon: 2, mooning: 3, pump: 1, pumps: 1, uptrend: 2, outperform: 2, outperforms: 2,
  inflow: 2, inflows: 2, accumulation: 1, accumulate: 1, accumulating: 1,
  // Adoption, approval, growth.
  approval: 3, approve: 3, approves: 3, approved: 3, greenlight: 3, greenlights: 3,
  adoption: 2, adopts: 2, adopt: 2, partnership: 2, partners: 1,
  launch: 1, launches: 1, launched: 1, upgrade: 1, upgrades: 1,
  milestone: 2, boost: 2, boosts: 2, boosted: 2, expands: 1, expansion: 1,
  raises: 1, funding: 1, profit: 2, profits: 2, profitable: 2,
  // General-English words that are neutral in market news.
  trust: 0, interest: 0, block: 0, hard: 0, demand: 1, cut: 0, cuts: 0, united: 0, top: 0,
};
