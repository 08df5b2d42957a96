import type { Sentiment } from './sentiment-config.js';

/** Reads a sentiment from common label names (POSITIVE, neg, Neutral, "1 star".."5 stars"); LABEL_0-style names stay unknown. */
function guessSentiment(label: string): Sentiment | undefined {
  const name = label.trim().toLowerCase();
  if (name.startsWith('pos')) return 'positive';
  if (name.startsWith('neg')) return 'negative';
  if (name.startsWith('neu')) return 'neutral';
  const stars = /^([1-5]) stars?$/.exec(name);
  if (stars === null) return undefined;
  const count = Number(stars[1]);
  return count <= 2 ? 'negative' : count === 3 ? 'neutral' : 'positive';
}

/**
 * Maps every label of a loaded model (its `id2label`) to a sentiment, from the configured mapping
 * or else from the label's name. Throws, naming the labels, when one cannot be mapped: results
 * are never guessed.
 */
export function resolveLabelMapping(modelLabels: readonly string[], configured: Readonly<Record<string, Sentiment>> | undefined): Map<string, Sentiment> {
  const mapping = new Map<string, Sentiment>();
  const unmapped: string[] = [];
  for (const label of modelLabels) {
    const sentiment = configured !== undefined ? configured[label] : guessSentiment(label);
    if (sentiment === undefined) unmapped.push(label);
    else mapping.set(label, sentiment);
  }
  if (unmapped.length > 0) {
    const hint = configured !== undefined ? 'add them to the model\'s "labels"' : 'give the model a "labels" mapping in ai.models';
    throw new Error(`model labels ${unmapped.map((label) => `"${label}"`).join(', ')} have no sentiment mapping; ${hint}`);
  }
  return mapping;
}
