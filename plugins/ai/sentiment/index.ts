import { sentimentPlugin } from './sentiment-module.js';

export { SentimentStatus, type ModelStatus, type ModelLoadState, type SentimentStatusSnapshot } from './sentiment-status.js';
export { SentimentClassifier, type SentimentAnswer, type SentimentResult } from './sentiment-classifier.js';
export { SentimentConfig, type Sentiment } from './sentiment-config.js';
export default sentimentPlugin;
